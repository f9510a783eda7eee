// Writes command output to `-o FILE` (folders created, written whole then renamed) or to stdout.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { terminalText, type CliIo } from './io';

/** Writes `text` to `out` (relative to cwd) atomically, or to stdout when `out` is absent or "-" (a terminal gets it without control characters: terminalText). */
export async function writeOutput(io: CliIo, out: string | undefined, text: string): Promise<{ ok: true; path?: string } | { ok: false; error: string }> {
  if (!out || out === '-') { io.stdout.write(io.stdoutIsTTY ? terminalText(text) : text); return { ok: true }; }
  const path = isAbsolute(out) ? out : resolve(io.cwd, out);
  try {
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.tmp-${process.pid}`;
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, path);
    return { ok: true, path };
  } catch (e) {
    return { ok: false, error: `Could not write ${path}: ${(e as Error).message}` };
  }
}
