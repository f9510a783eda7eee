#!/usr/bin/env bash
# Rebuilds one corpus bundle of the context_recall bench from a full clone of the upstream repository:
#   bash test/bench/corpus/build-bundle.sh <path to the clone's git dir> <name> <sha>...
# For each commit it stores only two commits: the parent's tree as a root commit ("parent of <sha>") and the commit's
# own tree on top of it with the original message plus an "Original-commit: <sha>" trailer, under refs/cases/<sha>.
# Blobs larger than 256 KiB are dropped from both trees (the context build skips them anyway).
set -euo pipefail
SRC="$1"; NAME="$2"; shift 2
OUT="$(cd "$(dirname "$0")" && pwd)/$NAME.bundle"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
G="$TMP/g.git"
git init -q --bare "$G"
SRC_OBJ="$(git --git-dir="$SRC" rev-parse --path-format=absolute --git-path objects)"
echo "$SRC_OBJ" > "$G/objects/info/alternates"
export GIT_AUTHOR_NAME=corpus GIT_AUTHOR_EMAIL=corpus@example.invalid GIT_COMMITTER_NAME=corpus GIT_COMMITTER_EMAIL=corpus@example.invalid
slim() { # tree without blobs over 256 KiB
  local tree="$1"
  GIT_INDEX_FILE="$TMP/idx" git --git-dir="$G" read-tree "$tree"
  git --git-dir="$G" ls-tree -r -l "$tree" | awk '$4 != "-" && $4 > 262144 { sub(/^[^\t]*\t/, ""); print }' | while IFS= read -r p; do
    GIT_INDEX_FILE="$TMP/idx" git --git-dir="$G" update-index --force-remove -- "$p"
  done
  GIT_INDEX_FILE="$TMP/idx" git --git-dir="$G" write-tree
}
for sha in "$@"; do
  date="$(git --git-dir="$G" log -1 --format=%cI "$sha")"
  export GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date"
  ptree="$(slim "$sha^1^{tree}")"
  ctree="$(slim "$sha^{tree}")"
  p="$(echo "parent of $sha" | git --git-dir="$G" commit-tree "$ptree")"
  msg="$(git --git-dir="$G" log -1 --format=%B "$sha")"
  c="$(printf '%s\n\nOriginal-commit: %s\n' "$msg" "$sha" | git --git-dir="$G" commit-tree "$ctree" -p "$p")"
  git --git-dir="$G" update-ref "refs/cases/$sha" "$c"
done
git --git-dir="$G" repack -a -d -q
rm -f "$G/objects/info/alternates"
git --git-dir="$G" bundle create "$OUT" --all 2>/dev/null
ls -l "$OUT"
