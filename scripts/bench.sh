#!/usr/bin/env bash
# npm run bench -- NAME [--quick]   runs test/bench/NAME.bench.ts; each bench ends with JSON lines
# {"bench":…,"metric":…,"value":…,"goal":…,"pass":…}.   npm run bench -- --all [--quick] runs every bench.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
NAME="${1:-}"; shift || true
if [ -z "$NAME" ]; then echo "usage: npm run bench -- NAME [--quick]   (NAME: $(ls test/bench/*.bench.ts | xargs -n1 basename | sed 's/.bench.ts//' | tr '\n' ' '))"; exit 2; fi
if [ "$NAME" = --all ]; then
  rc=0
  for f in test/bench/*.bench.ts; do echo "== bench $(basename "$f" .bench.ts)"; node --import tsx "$f" "$@" || rc=1; done
  exit $rc
fi
FILE="test/bench/$NAME.bench.ts"
[ -f "$FILE" ] || { echo "no bench named '$NAME' (expected $FILE)"; exit 2; }
exec node --import tsx "$FILE" "$@"
