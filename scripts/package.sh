#!/usr/bin/env bash
# Builds the production bundles and the .vsix (all runtime code is bundled: --no-dependencies).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh node >/dev/null
source scripts/env.sh
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
node scripts/build.mjs
VSIX="pairwise-$(node -p 'require("./package.json").version').vsix"
npx vsce package --no-dependencies --allow-missing-repository --skip-license --no-rewrite-relative-links -o "$VSIX" >/dev/null
echo "packaged $VSIX ($(du -h "$VSIX" | cut -f1)); files:"
npx vsce ls --no-dependencies | sed 's/^/  /'
