#!/usr/bin/env bash
# Runs every suite: lint, type-check, unit (Node), integration (real VS Code extension host), e2e
# (webview screenshots). Bootstraps what it needs first (Node 24, the VS Code test host, chromium).
# Ends with one line "N passed, N failed" summing all suites; exits non-zero on any failure or no test.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh all || { echo "0 passed, 1 failed"; exit 1; }
source scripts/env.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error || { echo "0 passed, 1 failed"; exit 1; }
fi
mkdir -p test-results
PASS=0; FAIL=0
count() { PASS=$((PASS + $1)); FAIL=$((FAIL + $2)); echo "== $3: $1 passed, $2 failed"; }
step() { # a step that is one check: name, command...
  local name=$1; shift
  if "$@" > "test-results/$name.log" 2>&1; then count 1 0 "$name"; else cat "test-results/$name.log" | tail -60; count 0 1 "$name"; fi
}
step lint npx eslint .
step typecheck npx tsc -p tsconfig.json --noEmit
step build node scripts/build.mjs --tests

# Unit tests (Node's runner); counts come from its summary.
node --import tsx --test --test-concurrency=3 --test-reporter=spec --test-reporter-destination=stdout "test/unit/**/*.test.ts" > test-results/unit.log 2>&1
urc=$?
up=$(grep -E '^ℹ pass [0-9]+' test-results/unit.log | tail -1 | awk '{print $3}'); uf=$(grep -E '^ℹ fail [0-9]+' test-results/unit.log | tail -1 | awk '{print $3}')
up=${up:-0}; uf=${uf:-0}
if [ $urc -ne 0 ] && [ "$uf" = 0 ]; then uf=1; fi
[ "$uf" != 0 ] && grep -E '✖|not ok|Error|assert' test-results/unit.log | head -80
count "$up" "$uf" unit

# A suite that prints its own closing line "<prefix> N passed, N failed": name, prefix, command...
suite() {
  local name=$1 prefix=$2; shift 2
  "$@" > "test-results/$name.log" 2>&1
  local rc=$? line p f
  line=$(grep -E "^$prefix [0-9]+ passed, [0-9]+ failed" "test-results/$name.log" | tail -1)
  p=$(echo "$line" | awk '{print $2}'); f=$(echo "$line" | awk '{print $4}')
  p=${p:-0}; f=${f:-0}
  if [ $rc -ne 0 ] && [ "$f" = 0 ]; then f=1; fi
  [ $rc -ne 0 ] && tail -80 "test-results/$name.log"
  count "$p" "$f" "$name"
}

if [ -f dist/extension.js ]; then
  # Integration tests in the real VS Code extension host, entered through @vscode/test-electron.
  suite integration 'vscode:' node test/harness/runIntegration.cjs
  # The same host with the workspace opened untrusted (Restricted Mode): no context is built, nothing is sent.
  suite integration-untrusted 'vscode:' env PAIRWISE_TEST_UNTRUSTED=1 node test/harness/runIntegration.cjs
  # E2E: what a person sees in the webviews of the real host (screenshots checked not blank).
  suite e2e 'e2e:' node test/e2e/screenshots.cjs
  # The README's first command without desktop VS Code: serve.ts's browser VS Code, from its URL to a saved verdict.
  suite tryit 'tryit:' node test/e2e/tryIt.cjs
else
  count 0 1 "integration (no build)"
fi

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ] && [ "$PASS" -gt 0 ]
