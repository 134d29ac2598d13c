import type { CredentialedCors } from '../../model.js';

/**
 * What the JavaScript and Python checks of credentialed CORS share: the two headers they look
 * for, how far a value is followed through constants, and which answer is worse when a value
 * can be either (the request's own origin echoed back beats `*`).
 */
export const ALLOW_ORIGIN = 'access-control-allow-origin';
export const ALLOW_CREDENTIALS = 'access-control-allow-credentials';
export const MAX_HOPS = 4;

export type CorsOrigin = CredentialedCors['origin'];

export function worst(a: CorsOrigin | undefined, b: CorsOrigin | undefined): CorsOrigin | undefined {
  return a === 'reflected' || b === 'reflected' ? 'reflected' : (a ?? b);
}
