// A repository's config may include files (`include.path`, `includeIf.<cond>.path`), and git reads them for every
// command. One naming a FIFO (or a device) makes every git command wait on it: a crafted repository (an unpacked
// archive can hold a FIFO) would stall each context build until git's timeout. Before git first reads a repository's
// config, its config files, everything they include and the git directory's other common files (HEAD, index,
// commondir, …) are checked here; no process runs.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { commonDirText } from './commonDir';
import { gitFileTarget } from './gitDirOwner';
import { openNoWait, readNoWait } from './readNoWait';
import { blockingRef, blockingTopEntry, blockingWorktreeFile } from './refsScan';

/** git's own limit on nested includes. */
const MAX_DEPTH = 10;

/** The value of a config line's `path` key (quotes and escapes as git writes them, a trailing comment dropped), or null. */
function pathValue(line: string): string | null {
  const m = /^path\s*=\s*(.*)$/i.exec(line);
  if (!m) return null;
  let out = '';
  let quoted = false;
  const v = m[1];
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\\' && i + 1 < v.length) {
      const n = v[++i];
      out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'b' ? '\b' : n;
    } else if (!quoted && (c === '#' || c === ';')) break;
    else out += c;
  }
  const trimmed = out.trim();
  return trimmed || null;
}

/** `include.path` and `includeIf.*.path` values in a config file's text, in order (a conservative reading of git's syntax). */
export function includePaths(text: string): string[] {
  const out: string[] = [];
  let inInclude = false;
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line.startsWith('[')) {
      const close = line.indexOf(']');
      const name = /^\[\s*([A-Za-z0-9-]+)/.exec(line)?.[1] ?? '';
      inInclude = /^include(?:if)?$/i.test(name);
      line = close >= 0 ? line.slice(close + 1).trim() : '';
    }
    if (!inInclude || !line) continue;
    const p = pathValue(line);
    if (p !== null) out.push(p);
  }
  return out;
}

/** Where an include value points from the config file that names it (`~/` is the home folder; relative is beside the file). */
function includeTarget(value: string, from: string): string {
  if (value === '~' || value.startsWith('~/')) return join(homedir(), value.slice(1));
  return isAbsolute(value) ? value : resolve(dirname(from), value);
}

/** Files in a git directory that most git commands open (besides config): a FIFO or a device there makes them wait too. */
const GIT_DIR_FILES = ['HEAD', 'index', 'packed-refs', 'commondir', 'config.worktree', 'shallow', 'info/exclude', 'info/attributes', 'info/grafts', 'objects/info/alternates'];

/** True when opening path would give git something it waits on (a FIFO, a device); false when it is missing, a file or a folder. */
function waitsOn(path: string): boolean {
  return openNoWait(path, (_fd, st) => !st.isFile() && !st.isDirectory()) ?? false;
}

const HEX_ID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * The loose object of the commit HEAD points at (git opens it to resolve HEAD, as most commands do), in each directory
 * it may live in. The ref HEAD names is one of the loose refs blockingRef looks at.
 */
function headObjects(gitDir: string, dirs: string[]): string[] {
  const head = readNoWait(join(gitDir, 'HEAD'), 4096);
  if (typeof head !== 'string') return [];
  let id = head.trim();
  const ref = /^ref: (refs\/\S+)$/.exec(id)?.[1];
  if (ref) {
    if (ref.split('/').some((s) => s === '..' || s === '.' || s === '')) return [];
    const loose = dirs.map((d) => readNoWait(join(d, ref), 4096)).find((t): t is string => typeof t === 'string');
    id = loose?.trim() ?? '';
  }
  return HEX_ID.test(id) ? dirs.map((d) => join(d, 'objects', id.slice(0, 2), id.slice(2))) : [];
}

/** git's own limit on chained alternates. */
const MAX_ALTERNATE_DEPTH = 5;

/**
 * An `info/alternates` file git would wait on or read without end (git reads each to its end), in the object folders
 * objectsDir's alternates name in turn: an alternates file that is a plain file may name a folder of the repository
 * whose own alternates file links to /dev/zero (git log read zeros until its timeout). null when there is none.
 */
function blockingAlternates(objectsDir: string, depth = 0, seen = new Set<string>()): string | null {
  if (depth > MAX_ALTERNATE_DEPTH || seen.has(objectsDir)) return null;
  seen.add(objectsDir);
  const file = join(objectsDir, 'info', 'alternates');
  const text = readNoWait(file);
  if (text === 'blocking') return file;
  if (text === null) return null;
  for (const raw of text.split('\n')) {
    const line = raw.trim().replace(/^"(.*)"$/, '$1');
    if (!line || line.startsWith('#')) continue;
    const found = blockingAlternates(resolve(objectsDir, line), depth + 1, seen);
    if (found) return found;
  }
  return null;
}

/** The git directory's common directory (a linked worktree's main git directory) as git reads it, or gitDir itself. */
function commonDirOf(gitDir: string): string {
  const common = commonDirText(gitDir);
  return common ? resolve(gitDir, common) : gitDir;
}

/** The git directory serving cwd (the first `.git` from cwd upwards: a folder, or a file naming one), a `.git` git would wait on, or null. */
function gitDirFor(cwd: string): { gitDir: string } | { blocking: string } | null {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    let st;
    try {
      st = statSync(dotGit);
    } catch {
      if (dirname(dir) === dir) return null;
      continue;
    }
    if (st.isDirectory()) return { gitDir: dotGit };
    const text = readNoWait(dotGit);
    if (text === 'blocking') return { blocking: dotGit };
    const target = text === null ? null : gitFileTarget(text);
    return target ? { gitDir: resolve(dir, target) } : null;
  }
}

/**
 * A file git would wait on in the repository at cwd: its `.git`, a common file of its git directory, the loose
 * commit HEAD names, one of its config files, or a file they include (to git's depth of 10), that is a FIFO or
 * a device; or a loose ref, a linked worktree's file, an entry of the git directory (see refsScan.ts) or a chained
 * alternates file git would wait on or read without end; null when there is none.
 */
export function blockingConfigFile(cwd: string): string | null {
  const found = gitDirFor(cwd);
  if (!found) return null;
  if ('blocking' in found) return found.blocking;
  const dirs = [...new Set([found.gitDir, commonDirOf(found.gitDir)])];
  for (const d of dirs) {
    for (const f of GIT_DIR_FILES) if (waitsOn(join(d, f))) return join(d, f);
  }
  for (const d of dirs) {
    const found = blockingRef(join(d, 'refs')) ?? blockingAlternates(join(d, 'objects')) ?? blockingWorktreeFile(d) ?? blockingTopEntry(d);
    if (found) return found;
  }
  for (const f of headObjects(found.gitDir, dirs)) if (waitsOn(f)) return f;
  const seen = new Set<string>();
  // The config files git reads: the git directory's own, a worktree's, and the common directory's.
  let level = [...dirs.map((d) => join(d, 'config')), join(found.gitDir, 'config.worktree')];
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const file of level) {
      if (seen.has(file)) continue;
      seen.add(file);
      // Config files are read up to 1 MB for includes (git reads more; a config that large is not ours to parse).
      const text = readNoWait(file);
      if (text === 'blocking') return file;
      if (text === null) continue;
      for (const value of includePaths(text)) next.push(includeTarget(value, file));
    }
    level = next;
  }
  return null;
}
