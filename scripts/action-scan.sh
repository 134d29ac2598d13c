#!/usr/bin/env bash
# The scan step of the faaslint GitHub Action (action.yml): one scan writes the SARIF report and
# the pull-request annotations from the same results. It runs the published package with npx
# (nothing is installed into or built in the action's checkout), so it works under
# NODE_ENV=production and npm_config_ignore_scripts=true. Runnable outside GitHub for tests:
# set FAASLINT_VERSION to a packed tarball, RUNNER_TEMP and GITHUB_OUTPUT to scratch paths.
#
# Inputs (environment): FAASLINT_PATHS (separated by spaces or new lines; never glob-expanded),
# FAASLINT_FAIL_ON (passed only when set, so failOn in the config applies otherwise),
# FAASLINT_ARGS (split as a shell would split words, quotes respected, nothing expanded),
# FAASLINT_VERSION (a version or a tarball; default FAASLINT_PINNED, the release's own version).
set -euo pipefail

spec="${FAASLINT_VERSION:-${FAASLINT_PINNED:?}}"
case "$spec" in
  *.tgz | */*) package="$spec" ;;
  *) package="faaslint@$spec" ;;
esac

# One path per line when there are several lines (a path may then hold spaces), else one per word.
paths=()
if [[ "${FAASLINT_PATHS:-}" == *$'\n'* ]]; then
  while IFS= read -r line; do
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    if [ -n "$line" ]; then paths+=("$line"); fi
  done <<< "$FAASLINT_PATHS"
else
  read -r -a paths <<< "${FAASLINT_PATHS:-}" || true
fi
if [ "${#paths[@]}" -eq 0 ]; then paths=(.); fi

# xargs splits words as a shell does (quotes, backslashes) and runs nothing but printf.
args=()
if [ -n "${FAASLINT_ARGS:-}" ] && [ -n "${FAASLINT_ARGS//[[:space:]]/}" ]; then
  words="$(mktemp)"
  printf '%s' "$FAASLINT_ARGS" | xargs printf '%s\0' > "$words"
  while IFS= read -r -d '' arg; do args+=("$arg"); done < "$words"
  rm -f "$words"
fi

fail_on=()
if [ -n "${FAASLINT_FAIL_ON:-}" ]; then fail_on=(--fail-on "$FAASLINT_FAIL_ON"); fi

sarif="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/faaslint.sarif"
rm -f "$sarif"
set +e
npx --yes --package "$package" -- faaslint "${paths[@]}" ${fail_on[@]+"${fail_on[@]}"} -o "sarif=$sarif" -o github ${args[@]+"${args[@]}"}
code=$?
set -e
written=false
if [ -s "$sarif" ]; then
  written=true
elif [ "$code" -ne 2 ]; then
  # npx itself failed (no network, no such version): faaslint never ran, which is not a finding.
  echo "::error title=faaslint::faaslint did not run (npx exited $code): no report was written"
  code=2
fi
{
  echo "sarif-file=$sarif"
  echo "sarif-written=$written"
  echo "exit-code=$code"
} >> "${GITHUB_OUTPUT:-/dev/null}"
