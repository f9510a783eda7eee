/** Fills the token budget with whole files in rank order, scanning each for secrets before it is accepted. */
import { normalizeFileText, renderFileEntry } from './repoBlock';
import type { RankedFile } from './ranking';
import { scanAndRedact } from './secretScan';
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

/** Greedy fill by rank: a file is taken when it fits the remaining budget; ranks start at firstRank. */
export async function fillBudget(ranked: RankedFile[], budget: number, firstRank: number): Promise<Selection> {
  const selected: SelectedFile[] = [];
  const omitted: ManifestFileOmitted[] = [];
  const redactions: ManifestRedaction[] = [];
  let used = 0;
  let rank = firstRank;
  for (const f of ranked) {
    const remaining = budget - used;
    // Cheap rejects first: nothing left, or clearly too many bytes for the tokens left (code runs ~3-4 bytes/token).
    if (remaining < 40 || f.buf.length > remaining * 8) {
      omitted.push({ path: f.path, reason: 'over_budget' });
      continue;
    }
    const wrap = wrapperTokens(f.path);
    const raw = f.buf.toString('utf8');
    // One counting pass that stops early when the file cannot fit.
    let tokens = tokensWithin(raw, remaining - wrap);
    if (tokens === null) {
      omitted.push({ path: f.path, reason: 'over_budget' });
      continue;
    }
    const prepared = await prepareEntry(f.path, raw, false);
    if ('omit' in prepared) {
      omitted.push(prepared.omit);
      continue;
    }
    if (prepared.changed) {
      const recount = tokensWithin(prepared.text, remaining - wrap);
      if (recount === null) {
        omitted.push({ path: f.path, reason: 'over_budget' });
        continue;
      }
      tokens = recount;
    }
    tokens += wrap;
    used += tokens;
    redactions.push(...prepared.redactions);
    selected.push({
      entry: prepared.entry,
      sent: { path: f.path, bytes: prepared.bytes, tokens, rank: rank++, reason: f.reasons.join('; '), redactions: prepared.redactions.length },
    });
  }
  return { selected, omitted, redactions, usedTokens: used };
}
