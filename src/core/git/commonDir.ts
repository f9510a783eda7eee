/** A git directory's `commondir` file, read as git reads it (no process runs). */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { trimEndChars } from '../text/trimChars';
import { textNoWait } from './readNoWait';

/** Largest `commondir` read (git reads any size; a larger one is taken as unreadable, and refused). */
const MAX_COMMONDIR_BYTES = 65536;

/**
 * What git takes from gitDir/commondir (setup.c: the file found with stat, so through a symlink; its text less its
 * trailing CR and LF, then up to its first NUL, as a C string; spaces and tabs are kept and name the folder): null when
 * there is no such file (a dangling symlink too: git then takes none); '' when it is empty, unreadable, too large, or
 * not a regular file (a FIFO, a device): git then fails or guesses, and the callers refuse or check only gitDir itself.
 */
export function commonDirText(gitDir: string): string | null {
  const named = join(gitDir, 'commondir');
  let st;
  try {
    st = statSync(named);
  } catch {
    return null;
  }
  const text = st.isFile() && st.size < MAX_COMMONDIR_BYTES ? textNoWait(named) : null;
  if (text === null) return '';
  const trimmed = trimEndChars(text, '\r\n');
  const nul = trimmed.indexOf('\0');
  return nul < 0 ? trimmed : trimmed.slice(0, nul);
}
