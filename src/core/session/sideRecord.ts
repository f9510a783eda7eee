import type { DraftResult, ResolvedSide, Usage } from '../providers/types';
import type { ParsedDraft } from '../prompt/types';
import type { SideRecord, UsageRecord } from '../results/schema';
import { hostOf, recordTitle } from './identity';

/** Converts provider usage to the results file's shape. */
export function toUsageRecord(u: Usage): UsageRecord {
  return { input: u.inputTokens, output: u.outputTokens, cacheRead: u.cacheReadTokens, cacheWrite: u.cacheWriteTokens };
}


/** One side of a results record from how the side ended and its parsed draft. */
export function toSideRecord(side: ResolvedSide, result: DraftResult, parsed: ParsedDraft | undefined,
  hashes: { draftHash?: string; patchHash?: string } = {}): SideRecord {
  const host = hostOf(side.spec.baseUrl ?? side.preset.baseUrl);
  const rec: SideRecord = {
    preset: side.spec.preset,
    model: side.spec.model,
    ...(host ? { baseUrlHost: host } : {}),
    status: result.ok ? (result.truncated ? 'truncated' : 'ok') : 'failed',
    ttftMs: result.timing.ttftMs,
    totalMs: Math.round(result.timing.totalMs),
    ...hashes,
  };
  if (result.ok) {
    rec.usage = toUsageRecord(result.usage);
    rec.cost = { usd: result.cost.usd, basis: result.cost.basis, ...(result.cost.asOf ? { asOf: result.cost.asOf } : {}),
      ...(result.cost.cacheBasis ? { cacheBasis: result.cost.cacheBasis } : {}) };
    if (result.warm) {
      rec.warm = { ttftMs: result.warm.warmTtftMs, ...(result.warm.usage ? { usage: toUsageRecord(result.warm.usage) } : {}),
        ...(result.warm.cost ? { cost: { usd: result.warm.cost.usd, basis: result.warm.cost.basis } } : {}) };
    }
  } else {
    rec.route = 'failed';
    rec.errorKind = result.kind;
    rec.errorMessage = result.message;
    if (result.usage) rec.usage = toUsageRecord(result.usage);
  }
  if (parsed && result.ok) {
    rec.route = parsed.route;
    if (parsed.title) rec.title = recordTitle(parsed.title);
    if (parsed.paperPick) rec.paperPick = parsed.paperPick;
  }
  return rec;
}
