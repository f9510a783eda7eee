/** What names `.git`: the one test of a path component that the context's reads and a patch's paths share. */

// `.git` as Windows and macOS also spell it (git refuses these names on checkout, but a crafted index lists them and a
// model can write them in a patch): in any letter case, with trailing dots or spaces or an NTFS stream (`.git.`,
// `.git::$INDEX_ALLOCATION`), its 8.3 short name (`git~1`), or with code points HFS+ ignores (`.g\u200cit`).
const GIT_ALIAS = /^(?:\.git|git~1)[. ]*(?::[\s\S]*)?$/i;
const HFS_IGNORABLE = /[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g;

/** True when a path component names `.git` (or what a Windows or macOS file system reads as `.git`). */
export function isGitDirName(component: string): boolean {
  return GIT_ALIAS.test(component.replace(HFS_IGNORABLE, ''));
}
