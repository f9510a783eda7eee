/** Whether a resolved path stays inside a root folder, by the platform's own path rules (`\` and drive letters on Windows). */
import { isAbsolute, relative, sep } from 'node:path';

/** `abs` relative to `root` (`''` for the root itself, in the platform's separators); null when it leaves the root. */
export function relativeInside(root: string, abs: string): string | null {
  const rel = relative(root, abs);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? null : rel;
}
