import type { RunEvent } from '../../core/run/types';
import type { DraftResult, SideId } from '../../core/providers/types';
import type { CompareEvent, SlotStats } from '../../shared/compareProtocol';
import { slotOf, type SlotMap } from '../../shared/compare/slots';

/** Turns run events (model sides) into compare-panel events (screen slots), tracking tokens/s per side. */
export class RunEventMapper {
  private readonly firstTokenAt: Partial<Record<SideId, number>> = {};
  private readonly chars: Record<SideId, number> = { a: 0, b: 0 };
  private readonly lastRate: Record<SideId, number> = { a: 0, b: 0 };

  constructor(private readonly map: SlotMap, private readonly emit: (e: CompareEvent) => void, private readonly now: () => number = Date.now) {}

  /** Handles one run event. */
  handle(e: RunEvent): void {
    const slot = slotOf(e.side, this.map);
    switch (e.type) {
      case 'started': this.emit({ type: 'status', slot, status: { kind: 'waiting' } }); break;
      case 'firstToken':
        this.firstTokenAt[e.side] = this.now();
        this.emit({ type: 'stats', slot, stats: { ttftMs: Math.round(e.ttftMs) } });
        this.emit({ type: 'status', slot, status: { kind: 'streaming', tokPerSec: null } });
        break;
      case 'delta': {
        this.chars[e.side] += e.text.length;
        this.emit({ type: 'delta', slot, text: e.text });
        const t0 = this.firstTokenAt[e.side];
        const now = this.now();
        if (t0 !== undefined && now - this.lastRate[e.side] > 500 && now > t0) {
          this.lastRate[e.side] = now;
          const tokPerSec = Math.round((this.chars[e.side] / 4) / ((now - t0) / 1000)); // ~4 chars per token while streaming
          this.emit({ type: 'status', slot, status: { kind: 'streaming', tokPerSec } });
        }
        break;
      }
      case 'retrying':
        this.chars[e.side] = 0;
        this.emit({ type: 'text', slot, text: '' });
        this.emit({ type: 'status', slot, status: { kind: 'retrying', reason: e.reason, resumeAt: e.resumeAt, attempt: e.attempt } });
        break;
      case 'usage':
        this.emit({ type: 'stats', slot, stats: { tokensIn: e.usage.inputTokens + e.usage.cacheReadTokens + e.usage.cacheWriteTokens, tokensOut: e.usage.outputTokens, tokensCached: e.usage.cacheReadTokens } });
        break;
      case 'done':
      case 'failed':
        this.finish(e.side, e.result);
        break;
    }
  }

  /** Emits the final status, text and stats of a side. */
  finish(side: SideId, r: DraftResult): void {
    const slot = slotOf(side, this.map);
    const stats: Partial<SlotStats> = { totalMs: Math.round(r.timing.totalMs), ttftMs: r.timing.ttftMs === null ? null : Math.round(r.timing.ttftMs) };
    if (r.ok) {
      Object.assign(stats, { tokensIn: r.usage.inputTokens + r.usage.cacheReadTokens + r.usage.cacheWriteTokens, tokensOut: r.usage.outputTokens,
        tokensCached: r.usage.cacheReadTokens, costUsd: r.cost.usd, costBasis: r.cost.basis });
      this.emit({ type: 'text', slot, text: r.text });
      this.emit({ type: 'stats', slot, stats });
      this.emit({ type: 'status', slot, status: r.truncated ? { kind: 'truncated' } : { kind: 'done' } });
    } else {
      if (r.partialText) this.emit({ type: 'text', slot, text: r.partialText });
      this.emit({ type: 'stats', slot, stats });
      const fix = r.kind === 'auth' ? 'key/set' as const : r.kind === 'not_found' ? 'models/choose' as const : undefined;
      this.emit({ type: 'status', slot, status: { kind: 'failed', message: r.message, retryable: r.retryable || r.kind === 'cancelled', ...(fix ? { fix } : {}) } });
    }
  }
}
