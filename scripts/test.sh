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
node --import tsx --test --test-reporter=spec --test-reporter-destination=stdout "test/unit/**/*.test.ts" > test-results/unit.log 2>&1
urc=$?
up=$(grep -E '^ℹ pass [0-9]+' test-results/unit.log | tail -1 | awk '{print $3}'); uf=$(grep -E '^ℹ fail [0-9]+' test-results/unit.log | tail -1 | awk '{print $3}')
up=${up:-0}; uf=${uf:-0}
if [ $urc -ne 0 ] && [ "$uf" = 0 ]; then uf=1; fi
[ "$uf" != 0 ] && grep -E '✖|not ok|Error|assert' test-results/unit.log | head -80
count "$up" "$uf" unit

# Integration tests in the real VS Code extension host, entered through @vscode/test-electron.
if [ -f dist/extension.js ]; then
  node test/harness/runIntegration.cjs > test-results/integration.log 2>&1
  irc=$?
  line=$(grep -E '^vscode: [0-9]+ passed, [0-9]+ failed' test-results/integration.log | tail -1)
  ip=$(echo "$line" | awk '{print $2}'); if_=$(echo "$line" | awk '{print $4}')
  ip=${ip:-0}; if_=${if_:-0}
  if [ $irc -ne 0 ] && [ "$if_" = 0 ]; then if_=1; fi
  [ $irc -ne 0 ] && tail -80 test-results/integration.log
  count "$ip" "$if_" integration
  # E2E: screenshots of the webviews in the real host (dark + light), checked not blank.
  node test/e2e/screenshots.cjs > test-results/e2e.log 2>&1
  erc=$?
  line=$(grep -E '^e2e: [0-9]+ passed, [0-9]+ failed' test-results/e2e.log | tail -1)
  ep=$(echo "$line" | awk '{print $2}'); ef=$(echo "$line" | awk '{print $4}')
  ep=${ep:-0}; ef=${ef:-0}
  if [ $erc -ne 0 ] && [ "$ef" = 0 ]; then ef=1; fi
  [ $erc -ne 0 ] && tail -60 test-results/e2e.log
  count "$ep" "$ef" e2e
else
  count 0 1 "integration (no build)"
fi

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ] && [ "$PASS" -gt 0 ]
