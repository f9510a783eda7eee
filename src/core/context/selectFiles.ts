/** Fills the token budget in rank order (whole files, or the matching parts of large ones), secret-scanning each before it is accepted. */
import { normalizeFileText, renderFileEntry } from './repoBlock';
import type { RankedFile } from './ranking';
import { readWhole } from './readRepoFiles';
import { scanAndRedact, scanAndRedactMany } from './secretScan';
import { countTokens, tokensWithin } from './tokenCount';
import type { ManifestFileOmitted, ManifestFileSent, ManifestRedaction } from './types';

/** Files with more redactions than this are dropped whole. */
export const MAX_REDACTIONS_PER_FILE = 25;

/** A file accepted into the prompt. */
export interface SelectedFile {
  sent: ManifestFileSent;
  entry: string;
}

/** Outcome of a budget fill. */
export interface Selection {
  selected: SelectedFile[];
  omitted: ManifestFileOmitted[];
  redactions: ManifestRedaction[];
  usedTokens: number;
}

/** Scans a text and renders its entry; an omission when the file must be dropped (too many secrets). */
export async function prepareEntry(path: string, raw: string, pinned: boolean): Promise<{ entry: string; text: string; bytes: number; changed: boolean; redactions: ManifestRedaction[] } | { omit: ManifestFileOmitted }> {
  const text = normalizeFileText(raw);
  const scan = await scanAndRedact(path, text);
  if (scan.redactions.length > MAX_REDACTIONS_PER_FILE) {
    return { omit: { path, reason: 'secret_dense', detail: `${scan.redactions.length} secrets found` } };
  }
  return {
    entry: renderFileEntry(path, scan.text, pinned),
    text: scan.text,
    bytes: Buffer.byteLength(scan.text),
    changed: scan.text !== raw,
    redactions: scan.redactions.map((r) => ({ path, rule: r.rule, line: r.line })),
  };
}

/** Tokens of the `<file>` wrapper around a path (counted once per file, not with the content). */
function wrapperTokens(path: string): number {
  return countTokens(renderFileEntry(path, '')) + 2;
}

interface Candidate {
  f: RankedFile;
  order: number;
}

/** The parts of a file that fit maxTokens (counted), or null when the file has nothing worth excerpting. */
export type Excerpter = (path: string, text: string, maxTokens: number) => { text: string; tokens: number; shownLines: number; totalLines: number } | null;

/** How the fill treats large files and documentation. */
export interface FillOptions {
  /** Text already read (searched) per path, so it is not read twice. */
  texts?: Map<string, string>;
  /** Cuts a file that does not fit (or exceeds its cap) to its matching parts. */
  excerpt?: Excerpter;
  /** Which candidates may be excerpted (by file and rank position); default all. */
  canExcerpt?: (f: RankedFile, order: number) => boolean;
  /** The most tokens one file may take whole, by its rank position (0-based). */
  capFor?: (order: number) => number;
  /** Tokens documentation and other non-code files may take in all; isDoc tells them apart. */
  docCap?: number;
  isDoc?: (path: string) => boolean;
}

/**
 * Greedy fill by rank: files are taken while they fit; each round's picks are then secret-scanned together (one
 * secretlint pass) and redacted; budget freed by dropped or shrunk files is offered to the next files in a new round.
 */
export async function fillBudget(ranked: RankedFile[], budget: number, firstRank: number, maxBytes: number, opts: FillOptions = {}): Promise<Selection> {
  const accepted: { c: Candidate; entry: string; text: string; tokens: number; redactions: ManifestRedaction[]; part?: { shownLines: number; totalLines: number } }[] = [];
  const omitted: ManifestFileOmitted[] = [];
  let pending: Candidate[] = ranked.map((f, order) => ({ f, order }));
  let used = 0;
  for (let round = 0; round < 3 && pending.length > 0; round++) {
    const batch: { c: Candidate; text: string; tokens: number; wrap: number; part?: { shownLines: number; totalLines: number } }[] = [];
    const next: Candidate[] = [];
    let planned = used;
    let docsPlanned = accepted.reduce((s, a) => s + (opts.isDoc?.(a.c.f.path) ? a.tokens : 0), 0);
    for (const c of pending) {
      const remaining = budget - planned;
      const isDoc = opts.isDoc?.(c.f.path) ?? false;
      const limit = Math.min(remaining, opts.capFor ? opts.capFor(c.order) : Infinity, isDoc && opts.docCap !== undefined ? opts.docCap - docsPlanned : Infinity);
      // Cheap rejects first: nothing left, or clearly too many bytes for the tokens left (source text runs ~3-4.5
      // bytes per token, so more than 5.4 bytes per remaining token almost never fits and is not worth counting).
      const excerpt = opts.excerpt && (opts.canExcerpt?.(c.f, c.order) ?? true) ? opts.excerpt : undefined;
      // A file that clearly cannot fit whole is read only when it may be cut to parts (room for 200 tokens of them).
      if (limit < 40 || (c.f.size > limit * 5.4 && (!excerpt || limit - wrapperTokens(c.f.path) < 200))) {
        next.push(c);
        continue;
      }
      let text = opts.texts?.get(c.f.path);
      if (text === undefined) {
        const whole = readWhole(c.f, maxBytes);
        if (!whole) {
          omitted.push({ path: c.f.path, reason: 'unreadable', detail: 'changed or removed while building' });
          continue;
        }
        text = whole.toString('utf8');
      }
      const wrap = wrapperTokens(c.f.path);
      text = normalizeFileText(text);
      // One counting pass that stops early when it cannot fit; text far over the limit goes straight to an excerpt.
      let tokens = text.length > (limit - wrap) * 5.4 ? null : tokensWithin(text, limit - wrap);
      let part: { shownLines: number; totalLines: number } | undefined;
      if (tokens === null && excerpt && limit - wrap >= 200) {
        const ex = excerpt(c.f.path, text, limit - wrap);
        if (ex) {
          text = ex.text;
          tokens = ex.tokens;
          part = { shownLines: ex.shownLines, totalLines: ex.totalLines };
        }
      }
      if (tokens === null) {
        next.push(c);
        continue;
      }
      batch.push({ c, text, tokens, wrap, part });
      planned += tokens + wrap;
      if (isDoc) docsPlanned += tokens + wrap;
    }
    if (batch.length === 0) {
      pending = next;
      break;
    }
    const scans = await scanAndRedactMany(batch.map((b) => ({ path: b.c.f.path, text: b.text })));
    batch.forEach((b, i) => {
      const scan = scans[i];
      if (scan.redactions.length > MAX_REDACTIONS_PER_FILE) {
        omitted.push({ path: b.c.f.path, reason: 'secret_dense', detail: `${scan.redactions.length} secrets found` });
        return;
      }
      const tokens = (scan.text === b.text ? b.tokens : countTokens(scan.text)) + b.wrap;
      const redactions = scan.redactions.map((r) => ({ path: b.c.f.path, rule: r.rule, line: r.line }));
      accepted.push({ c: b.c, entry: renderFileEntry(b.c.f.path, scan.text, false, b.part), text: scan.text, tokens, redactions, part: b.part });
      used += tokens;
    });
    accepted.sort((a, b) => a.c.order - b.c.order);
    // Redaction markers can cost more tokens than the values they replace: drop the lowest-ranked picks until it fits.
    while (used > budget && accepted.length > 0) {
      const dropped = accepted.pop()!;
      used -= dropped.tokens;
      next.push(dropped.c);
    }
    pending = next.sort((a, b) => a.order - b.order);
    if (budget - used <= budget - planned) break; // nothing was freed: another round would pick nothing new
  }
  for (const c of pending) omitted.push({ path: c.f.path, reason: 'over_budget' });
  const redactions = accepted.flatMap((a) => a.redactions);
  const selected: SelectedFile[] = accepted.map((a, i) => ({
    entry: a.entry,
    sent: {
      path: a.c.f.path, bytes: Buffer.byteLength(a.text), tokens: a.tokens, rank: firstRank + i, redactions: a.redactions.length,
      reason: a.c.f.reasons.join('; ') + (a.part ? `; parts: ${a.part.shownLines} of ${a.part.totalLines} lines` : ''),
      ...(a.part ? { excerpt: a.part } : {}),
    },
  }));
  return { selected, omitted, redactions, usedTokens: used };
}
