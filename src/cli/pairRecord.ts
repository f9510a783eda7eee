// Maps a finished pair (two DraftResults, their parsed drafts and checks) to a results record. Pure.
import type { DraftResult, ResolvedSide } from '../core/providers';
import type { ParsedDraft } from '../core/prompt/types';
import { picksMatch } from '../core/prompt/paperPick';
import { SCHEMA_VERSION, type ComparisonRecord, type SideRecord } from '../core/results';

/** Blob hashes saved for one side. */
export interface SideBlobs { draftHash?: string; patchHash?: string }

/** Host of a base URL, for the record (never the path or query). */
export function hostOf(url: string): string | undefined {
  try { return new URL(url).host; } catch { return undefined; }
}

/** The record of one side: identity, how it ended, usage, cost, timing, and the parsed route/title. */
export function sideRecordOf(side: ResolvedSide, r: DraftResult, parsed: ParsedDraft | undefined, blobs: SideBlobs = {}): SideRecord {
  const rec: SideRecord = { preset: side.spec.preset, model: side.spec.model, status: 'failed' };
  const host = hostOf(side.preset.baseUrl);
  if (host) rec.baseUrlHost = host;
  rec.ttftMs = r.timing.ttftMs;
  rec.totalMs = r.timing.totalMs;
  const usage = r.usage;
  if (usage) rec.usage = { input: usage.inputTokens, output: usage.outputTokens, cacheRead: usage.cacheReadTokens, cacheWrite: usage.cacheWriteTokens };
  if (!r.ok) {
    rec.route = 'failed';
    rec.errorKind = r.kind;
    rec.errorMessage = r.message;
    return rec;
  }
  rec.status = r.truncated ? 'truncated' : 'ok';
  rec.cost = { usd: r.cost.usd, basis: r.cost.basis, ...(r.cost.asOf ? { asOf: r.cost.asOf } : {}) };
  if (parsed) {
    rec.route = parsed.route;
    if (parsed.title) rec.title = parsed.title;
    if (parsed.paperPick !== undefined) rec.paperPick = parsed.paperPick;
  }
  if (r.warm) {
    rec.warm = { ttftMs: r.warm.warmTtftMs };
    if (r.warm.usage) rec.warm.usage = { input: r.warm.usage.inputTokens, output: r.warm.usage.outputTokens, cacheRead: r.warm.usage.cacheReadTokens, cacheWrite: r.warm.usage.cacheWriteTokens };
    if (r.warm.cost) rec.warm.cost = { usd: r.warm.cost.usd, basis: r.warm.cost.basis };
  }
  if (blobs.draftHash) rec.draftHash = blobs.draftHash;
  if (blobs.patchHash) rec.patchHash = blobs.patchHash;
  return rec;
}

/** A comparison record written by the CLI; `cellId` ties batch records to their matrix cell. */
export type CliComparisonRecord = ComparisonRecord & { cellId?: string; source?: 'cli' | 'batch' };

/** Everything the record needs besides the side results. */
export interface PairRecordInput {
  id: string;
  time: Date;
  repo: ComparisonRecord['repo'];
  mode: 'pin' | 'selection';
  paper?: ComparisonRecord['paper'];
  prompt: { templateVersion?: string; prefixHash?: string };
  manifestHash?: string;
  a: SideRecord;
  b: SideRecord;
  checks?: { a?: unknown; b?: unknown };
  cellId?: string;
  source: 'cli' | 'batch';
}

/** Builds a pending, blind comparison record (the verdict is given later, e.g. in the extension). */
export function pairRecord(input: PairRecordInput): CliComparisonRecord {
  const rec: CliComparisonRecord = {
    schema: SCHEMA_VERSION, type: 'comparison', id: input.id, time: input.time.toISOString(), repo: input.repo, mode: input.mode,
    prompt: input.prompt, sides: { a: input.a, b: input.b }, blind: true, swapped: false, verdict: 'pending', source: input.source,
  };
  if (input.paper) rec.paper = input.paper;
  if (input.manifestHash) rec.manifestHash = input.manifestHash;
  if (input.checks && (input.checks.a !== undefined || input.checks.b !== undefined)) rec.checks = input.checks;
  if (input.mode === 'selection' && input.a.status !== 'failed' && input.b.status !== 'failed') {
    rec.selection = { samePaper: picksMatch(input.a.paperPick, input.b.paperPick) };
  }
  if (input.cellId) rec.cellId = input.cellId;
  return rec;
}

/** True when a side failed for a reason that is about the service, not the model (worth retrying the cell). */
export function isTransientFailure(side: SideRecord): boolean {
  return side.status === 'failed' && ['rate_limit', 'overloaded', 'server', 'network', 'timeout', 'idle', 'cancelled'].includes(side.errorKind ?? '');
}
