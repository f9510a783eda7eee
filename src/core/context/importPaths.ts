/** What the import readers share: how much of a file they read, its bytes as given, and joining module paths. */

/** How much of a file is searched for imports (they sit at the top). */
export const IMPORT_SCAN_CHARS = 16_384;

/** A file's first bytes (read as latin1 characters) and where a quote followed by a dot lies in them (null: not known). */
export interface QuotedBytes {
  bytes: Uint8Array;
  quoteDots: ArrayLike<number> | null;
}

/** The folder of a repository path ('' at the root). */
export function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/** Whether a relative path only goes down (`./a/b`: no empty, `.` or `..` component after the `./`). */
function downOnly(rel: string): boolean {
  if (!rel.startsWith('./')) return false;
  for (let i = 2; ; ) {
    let j = rel.indexOf('/', i);
    if (j < 0) j = rel.length;
    const len = j - i;
    if (len === 0 || (rel.charCodeAt(i) === 46 && (len === 1 || (len === 2 && rel.charCodeAt(i + 1) === 46)))) return false;
    if (j === rel.length) return true;
    i = j + 1;
  }
}

/** A relative module path joined to a folder segment by segment (`..` climbs, `.` and empty segments are dropped). */
export function joinPath(dir: string, rel: string): string {
  // Most imports name a file beside or below their own: no splitting needed.
  if (downOnly(rel)) return dir ? `${dir}/${rel.slice(2)}` : rel.slice(2);
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg && seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}
