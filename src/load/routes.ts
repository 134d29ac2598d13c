/** `GET /users/{id}` → `['GET', '/users/{id}']`; `$default` → `['ANY', '$default']` (API Gateway v2 route keys, serverless `httpApi` and `http` strings). */
export function splitRouteKey(routeKey: string): [string | undefined, string] {
  const m = /^(\S+)\s+(\S.*)$/.exec(routeKey.trim());
  if (m) return [m[1]!.toUpperCase(), m[2]!];
  return routeKey === '$default' ? ['ANY', '$default'] : [undefined, routeKey];
}
