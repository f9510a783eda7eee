import type { DraftResult, SideId, Usage } from '../providers/types';
import type { RunEvent } from '../run/types';
import { SAMPLE } from './sampleDrafts';

/** Options of a replay: speed multiplier (tests use a large one) and a cancel signal. */
export interface ReplayOptions { speed?: number; signal?: AbortSignal; onEvent: (e: RunEvent) => void }

const wait = (ms: number, signal?: AbortSignal) => new Promise<boolean>((resolve) => {
  if (signal?.aborted) { resolve(false); return; }
  const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(true); }, ms);
  const onAbort = () => { clearTimeout(t); resolve(false); };
  signal?.addEventListener('abort', onAbort, { once: true });
});

/** Streams one recorded draft as run events at its recorded TTFT and speed; ends like a real side. */
async function replaySide(side: SideId, o: ReplayOptions): Promise<DraftResult> {
  const speed = o.speed ?? 1;
  const text = SAMPLE.drafts[side];
  const usage: Usage = { ...SAMPLE.usage[side] };
  const sentAt = Date.now();
  const t0 = performance.now();
  o.onEvent({ side, type: 'started', at: sentAt });
  const cancelled = (): DraftResult => ({ ok: false, kind: 'cancelled', message: 'Replay cancelled.', retryable: false, partialText: '',
    timing: { sentAt, ttftMs: null, totalMs: performance.now() - t0, attempts: 1 } });
  if (!await wait(SAMPLE.ttftMs[side] / speed, o.signal)) return cancelled();
  const ttftMs = performance.now() - t0;
  o.onEvent({ side, type: 'firstToken', ttftMs });
  const tokens = text.match(/\S+\s*|\s+/g) ?? [text];
  const perChunk = 4;
  for (let i = 0; i < tokens.length; i += perChunk) {
    o.onEvent({ side, type: 'delta', text: tokens.slice(i, i + perChunk).join('') });
    if (!await wait((perChunk * 1000) / SAMPLE.tokensPerSecond[side] / speed, o.signal)) return cancelled();
  }
  o.onEvent({ side, type: 'usage', usage });
  const result: DraftResult = { ok: true, text, usage, cost: { usd: null, basis: 'unknown' }, stopReason: 'end_turn', truncated: false,
    timing: { sentAt, ttftMs, totalMs: performance.now() - t0, attempts: 1 } };
  o.onEvent({ side, type: 'done', result });
  return result;
}

/** Replays the bundled sample comparison (both sides in parallel) through run events; never rejects. */
export async function replaySample(o: ReplayOptions): Promise<Record<SideId, DraftResult>> {
  const [a, b] = await Promise.all([replaySide('a', o), replaySide('b', o)]);
  return { a, b };
}
