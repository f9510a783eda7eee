// Splits a unified diff (git-style or plain) into per-file sections, tolerant of the small mistakes
// models make (missing `diff --git` lines, wrong hunk counts, code fences around the diff).
import { splitQuotedGitHeader, unquoteC } from './patchQuote';

/** One added line of a patch, with its line number in the new file when the hunk header allows it. */
export interface AddedLine {
  line?: number;
  text: string;
}

/** One file's section of a patch. */
export interface PatchFile {
  /** Path before the change (null for a new file). Strip prefix (a/) already removed. */
  oldPath: string | null;
  /** Path after the change (null for a deleted file). */
  newPath: string | null;
  /** Every path as written in the headers, before prefix stripping (for the safety check). */
  rawPaths: string[];
  status: 'modified' | 'added' | 'deleted' | 'renamed';
  newMode?: string;
  binary: boolean;
  /** `-p` level git apply needs for this section. */
  strip: 0 | 1;
  /** The section's text, ending with a newline, as fed to `git apply`. */
  text: string;
  added: number;
  removed: number;
  addedLines: AddedLine[];
}

/** A parsed patch: its file sections in order. */
export interface ParsedPatch {
  files: PatchFile[];
  /** Normalised patch text (LF line ends, fences removed). */
  text: string;
}

/** Normalises line ends and removes a surrounding ``` fence. */
export function normalisePatchText(patch: string): string {
  let lines = patch.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first >= 0 && /^\s*(```|~~~)/.test(lines[first])) {
    lines = lines.slice(first + 1);
    let close = lines.length - 1;
    while (close >= 0 && !/^\s*(```|~~~)\s*$/.test(lines[close])) close--;
    if (close >= 0) lines = lines.slice(0, close);
  }
  let text = lines.join('\n');
  if (!text.endsWith('\n')) text += '\n';
  return text;
}

function stripTimestamp(p: string): string {
  const quoted = unquoteC(p);
  if (quoted) return quoted.name;
  const tab = p.indexOf('\t');
  const s = tab >= 0 ? p.slice(0, tab) : p;
  return s.length > 1 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s.trimEnd();
}

function splitGitHeader(rest: string): [string, string] | undefined {
  const quoted = rest.includes('"') ? splitQuotedGitHeader(rest) : null;
  if (quoted) return quoted;
  // "a/x b/x": prefer the split where both halves name the same path (paths may contain spaces).
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest[half] === ' ' && rest.slice(2, half) === rest.slice(half + 3)) {
    return [rest.slice(0, half), rest.slice(half + 1)];
  }
  const m = /^(\S+) (\S+)$/.exec(rest) ?? /^(.+?) (b\/.+)$/.exec(rest);
  return m ? [m[1], m[2]] : undefined;
}

function stripPrefix(p: string, strip: 0 | 1): string {
  if (strip === 0) return p;
  const i = p.indexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

interface Builder {
  lines: string[];
  git: boolean;
  gitOld?: string;
  gitNew?: string;
  minus?: string;
  plus?: string;
  renameFrom?: string;
  renameTo?: string;
  newFile: boolean;
  deleted: boolean;
  newMode?: string;
  binary: boolean;
  inHunk: boolean;
  newLine?: number;
  added: number;
  removed: number;
  addedLines: AddedLine[];
}

function newBuilder(git: boolean): Builder {
  return { lines: [], git, newFile: false, deleted: false, binary: false, inHunk: false, added: 0, removed: 0, addedLines: [] };
}

function finish(b: Builder): PatchFile {
  const rawPaths = [b.gitOld, b.gitNew, b.minus, b.plus, b.renameFrom, b.renameTo]
    .filter((p): p is string => p !== undefined && p !== '/dev/null');
  const oldRaw = b.minus ?? b.gitOld;
  const newRaw = b.plus ?? b.gitNew;
  let strip: 0 | 1 = 1;
  if (!b.git) {
    const named = [oldRaw, newRaw].filter((p): p is string => p !== undefined && p !== '/dev/null');
    strip = named.length > 0 && named.every((p) => /^[ab]\//.test(p)) ? 1 : 0;
  }
  const newFile = b.newFile || oldRaw === '/dev/null';
  const deleted = b.deleted || newRaw === '/dev/null';
  const oldPath = newFile ? null : b.renameFrom ?? (oldRaw !== undefined ? stripPrefix(oldRaw, strip) : null);
  const newPath = deleted ? null : b.renameTo ?? (newRaw !== undefined ? stripPrefix(newRaw, strip) : null);
  const renamed = !newFile && !deleted && oldPath !== null && newPath !== null && oldPath !== newPath;
  const status = newFile ? 'added' : deleted ? 'deleted' : renamed ? 'renamed' : 'modified';
  return {
    oldPath, newPath, rawPaths, status, newMode: b.newMode, binary: b.binary, strip,
    text: b.lines.join('\n') + '\n', added: b.added, removed: b.removed, addedLines: b.addedLines,
  };
}

/** Parses a unified diff into per-file sections. Text outside any section is ignored. */
export function parsePatch(patch: string): ParsedPatch {
  const text = normalisePatchText(patch);
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const files: PatchFile[] = [];
  let cur: Builder | undefined;
  const close = (): void => { if (cur) files.push(finish(cur)); cur = undefined; };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('diff --git ')) {
      close();
      cur = newBuilder(true);
      const pair = splitGitHeader(line.slice('diff --git '.length));
      if (pair) [cur.gitOld, cur.gitNew] = pair;
      cur.lines.push(line);
      continue;
    }
    const isFileHeader = line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ');
    if (isFileHeader && (!cur || cur.inHunk || !cur.git || cur.minus !== undefined)) {
      close();
      cur = newBuilder(false);
    }
    if (!cur) continue;
    cur.lines.push(line);
    if (isFileHeader) {
      cur.minus = stripTimestamp(line.slice(4));
      cur.plus = stripTimestamp(lines[i + 1].slice(4));
      cur.lines.push(lines[i + 1]);
      i++;
      cur.inHunk = false;
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk || line.startsWith('@@')) {
      cur.inHunk = true;
      cur.newLine = hunk ? Number(hunk[1]) : undefined;
      continue;
    }
    if (!cur.inHunk) {
      let m: RegExpExecArray | null;
      if ((m = /^new file mode (\d+)/.exec(line))) { cur.newFile = true; cur.newMode = m[1]; }
      else if (/^deleted file mode/.test(line)) cur.deleted = true;
      else if ((m = /^new mode (\d+)/.exec(line))) cur.newMode = m[1];
      else if ((m = /^(?:rename|copy) from (.+)$/.exec(line))) cur.renameFrom = stripTimestamp(m[1]);
      else if ((m = /^(?:rename|copy) to (.+)$/.exec(line))) cur.renameTo = stripTimestamp(m[1]);
      else if ((m = /^index \S+ (\d{6})$/.exec(line))) cur.newMode ??= m[1];
      else if (/^(Binary files |GIT binary patch)/.test(line)) cur.binary = true;
      continue;
    }
    const c = line[0];
    if (c === '+') {
      cur.added++;
      cur.addedLines.push({ line: cur.newLine, text: line.slice(1) });
      if (cur.newLine !== undefined) cur.newLine++;
    } else if (c === '-') {
      cur.removed++;
    } else if (c === ' ' || line === '') {
      if (cur.newLine !== undefined) cur.newLine++;
    }
  }
  close();
  return { files, text };
}

/** Paths the patch creates (new files and rename/copy targets). */
export function createdPaths(p: ParsedPatch): Set<string> {
  const out = new Set<string>();
  for (const f of p.files) if (f.newPath && (f.status === 'added' || f.status === 'renamed')) out.add(f.newPath);
  return out;
}
