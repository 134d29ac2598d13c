#!/usr/bin/env bash
# Checks faaslint the way its users' tools see it (run: npm run check:integration):
#  1. Microsoft's SARIF validator with GitHub's ingestion rules: no error, no GH warning,
#     for the example app and every rule fixture;
#  2. the pre-commit framework installs the hook from this repository, fails on a bad
#     serverless.yml, passes on a clean one, and rescans a project when one of its handlers changes.
# Needs the network for npm (the validator) and apt (pre-commit) the first time; when a tool
# cannot be installed it exits 3 (not 1), so CI can tell "could not check" from "check failed".
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== SARIF multitool (GitHub rules)"
(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund @microsoft/sarif-multitool@5.7.0 >/dev/null 2>&1) || { echo "cannot install the SARIF multitool"; exit 3; }
multitool="$(ls "$work"/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool)"
chmod +x "$multitool"
mkdir -p "$work/sarif"
node "$repo/bin/faaslint.js" "$repo/fixtures/projects/example-app" -f sarif -o "$work/sarif/example-app.sarif" --include-suppressed || true
i=0
for fixture in "$repo"/rules/*/fixtures/*; do
  case "$fixture" in *.expect) continue ;; esac
  i=$((i + 1))
  node "$repo/bin/faaslint.js" "$fixture" -f sarif -o "$work/sarif/fixture-$i.sarif" --include-suppressed || true
done
# One validator run over every log: starting .NET costs more than validating.
(cd "$work/sarif" && "$multitool" validate --rule-kind "Gh;Sarif" ./*.sarif -o "$work/validation.sarif" >"$work/validation.log" 2>&1) || true
logs=$(ls "$work"/sarif/*.sarif | wc -l)
grep -q "Done. $logs files scanned" "$work/validation.log" || { cat "$work/validation.log"; echo "the validator did not read all $logs logs"; exit 1; }
problems=$(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); const res=(r.runs[0].results||[]).filter(x=>x.level!=="note"); for (const x of res) console.error(x.locations?.[0]?.physicalLocation?.artifactLocation?.uri, x.level, x.ruleId); console.log(res.length)' "$work/validation.sarif")
echo "validated $logs SARIF logs: $problems errors/warnings"
[ "$problems" -eq 0 ]

echo "== pre-commit try-repo"
command -v pre-commit >/dev/null || { apt-get update -qq && apt-get install -y -qq pre-commit >/dev/null; } || { echo "cannot install pre-commit"; exit 3; }
scratch="$work/scratch"
mkdir -p "$scratch/svc/src"
cd "$scratch"
git init -q
git config user.email ci@example.com
git config user.name ci
printf 'service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\n  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: "*"\n          Resource: "*"\nfunctions:\n  f:\n    handler: src/h.handler\n' > svc/serverless.yml
printf 'exports.handler = async () => 1;\n' > svc/src/h.js
git add -A && git commit -qm bad
if pre-commit try-repo "$repo" faaslint --all-files >"$work/bad.log" 2>&1; then
  cat "$work/bad.log"; echo "pre-commit passed on a bad serverless.yml"; exit 1
fi
grep -q "iam-no-wildcard-action" "$work/bad.log"
echo "bad serverless.yml: hook failed as it should"
sed -i 's/Action: "\*"/Action: s3:GetObject/; s/Resource: "\*"/Resource: arn:aws:s3:::b\/*/' svc/serverless.yml
git add -A && git commit -qm good
pre-commit try-repo "$repo" faaslint --all-files >"$work/good.log" 2>&1 || { cat "$work/good.log"; echo "pre-commit failed on a clean serverless.yml"; exit 1; }
echo "clean serverless.yml: hook passed"
printf 'let last;\nexports.handler = async (event) => { last = event.body; return 1; };\n' > svc/src/h.js
git add svc/src/h.js
pre-commit try-repo "$repo" faaslint --files svc/src/h.js >"$work/handler.log" 2>&1 || true
grep -q "handler-no-request-data-in-module-scope" "$work/handler.log" || { cat "$work/handler.log"; echo "a changed handler did not rescan its project"; exit 1; }
echo "changed handler: its project was rescanned"
echo "integration checks passed"
