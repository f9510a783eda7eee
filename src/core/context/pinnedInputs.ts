/** Always-included inputs: user-pinned files and the active editor selection (still secret-scanned). */
import { realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { classifyContent, isSecretFileName } from './fileFilters';
import { unsafeRepoPath } from './gitDirGuard';
import { readRepoFile, readWhole, type RepoFile } from './readRepoFiles';
import { renderSelectionEntry } from './repoBlock';
import { scanAndRedact, scanSecretPath } from './secretScan';
import { prepareEntry, type SelectedFile } from './selectFiles';
import { countTokens } from './tokenCount';
import type { ManifestFileOmitted, ManifestRedaction } from './types';

/** The active editor selection: a repo file path (relative or absolute), 1-based lines, and the selected text. */
export interface EditorSelection {
  path: string;
  startLine: number;
  endLine: number;
  text: string;
}

type ToRepoPath = (root: string, p: string) => string | null;

/** The repo-relative name a path resolves to (symlinks followed), or the path itself when it cannot be resolved. */
function resolvedName(root: string, path: string): string {
  try {
    return relative(realpathSync(root), realpathSync(join(root, path))).split(sep).join('/');
  } catch {
    return path;
  }
}

/** The selection, scanned and rendered, or why it was not sent. */
export async function includeSelection(
  root: string,
  s: EditorSelection,
  toRepoPath: ToRepoPath,
): Promise<{ path: string; startLine: number; endLine: number; entry: string; tokens: number; redactions: ManifestRedaction[] } | { omit: ManifestFileOmitted }> {
  const path = toRepoPath(root, s.path) ?? s.path.split(/[\\/]/).pop() ?? 'selection';
  const secretPath = await scanSecretPath(path);
  if (secretPath !== null) return { omit: { path: secretPath, reason: 'secret_file', detail: 'selection in a file with a secret-looking path' } };
  // A name the listing refuses (a newline, a control or bidi character, `.git`) is not written into the prompt either.
  const unsafe = unsafeRepoPath(path);
  if (unsafe) return { omit: { path, reason: 'unsafe_path', detail: unsafe } };
  if (isSecretFileName(path) || isSecretFileName(resolvedName(root, path))) return { omit: { path, reason: 'secret_file', detail: 'selection in a credential file' } };
  const scan = await scanAndRedact(path, s.text.replace(/\r\n?/g, '\n'));
  const entry = renderSelectionEntry(path, s.startLine, s.endLine, scan.text);
  return { path, startLine: s.startLine, endLine: s.endLine, entry, tokens: countTokens(entry) + 2, redactions: scan.redactions.map((r) => ({ path, rule: r.rule, line: r.line + s.startLine - 1 })) };
}

/** Pinned files, read safely, scanned and rendered, in the order given (duplicates ignored). */
export async function includePinned(
  root: string,
  pins: string[],
  known: RepoFile[],
  maxBytes: number,
  toRepoPath: ToRepoPath,
): Promise<{ selected: SelectedFile[]; omitted: ManifestFileOmitted[]; redactions: ManifestRedaction[]; warnings: string[]; tokens: number }> {
  const selected: SelectedFile[] = [];
  const omitted: ManifestFileOmitted[] = [];
  const redactions: ManifestRedaction[] = [];
  const warnings: string[] = [];
  let tokens = 0;
  const byPath = new Map(known.map((f) => [f.path, f]));
  const seen = new Set<string>();
  let realRoot = root;
  try {
    realRoot = realpathSync(root);
  } catch {
    // keep root
  }
  for (const pin of pins) {
    const path = toRepoPath(root, pin);
    if (!path) {
      warnings.push(`pinned file ${pin} is outside the repository; not sent`);
      continue;
    }
    if (seen.has(path)) continue;
    seen.add(path);
    const secretPath = await scanSecretPath(path);
    if (secretPath !== null) {
      omitted.push({ path: secretPath, reason: 'secret_file', detail: 'pinned, but its path looks like a secret (name redacted)' });
      warnings.push(`pinned file ${secretPath} has a secret-looking path; not sent`);
      continue;
    }
    if (isSecretFileName(path)) {
      omitted.push({ path, reason: 'secret_file', detail: 'pinned, but a credential file (by name)' });
      warnings.push(`pinned file ${path} looks like a credential file; not sent`);
      continue;
    }
    const listed = byPath.get(path);
    let buf = listed ? (readWhole(listed, maxBytes * 4) ?? undefined) : undefined;
    if (!buf) {
      const r = readRepoFile(root, realRoot, path, maxBytes * 4);
      if ('omit' in r) {
        omitted.push(r.omit);
        warnings.push(`pinned file ${path} was not sent: ${r.omit.detail ?? r.omit.reason}`);
        continue;
      }
      const c = classifyContent(path, r.buf);
      if (c.skip && c.reason === 'binary') {
        omitted.push({ path, reason: 'binary', detail: 'pinned, but binary' });
        warnings.push(`pinned file ${path} is binary; not sent`);
        continue;
      }
      buf = r.buf;
    }
    const prepared = await prepareEntry(path, buf.toString('utf8'), true);
    if ('omit' in prepared) {
      omitted.push(prepared.omit);
      warnings.push(`pinned file ${path} was dropped: ${prepared.omit.detail ?? prepared.omit.reason}`);
      continue;
    }
    const t = countTokens(prepared.entry) + 1;
    tokens += t;
    redactions.push(...prepared.redactions);
    selected.push({ entry: prepared.entry, sent: { path, bytes: prepared.bytes, tokens: t, rank: selected.length + 1, reason: 'pinned', redactions: prepared.redactions.length } });
  }
  return { selected, omitted, redactions, warnings, tokens };
}
