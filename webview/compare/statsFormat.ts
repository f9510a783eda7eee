/** Human-readable status and stats lines for a slot. Pure; null figures render as "—". */
import type { SlotStats, SlotStatus } from '../../src/shared/compareProtocol';

/** The dash used for unknown figures. */
export const UNKNOWN = '—';

/** 850 ms, 12.3 s, 2 m 05 s. */
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return UNKNOWN;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} m ${String(s % 60).padStart(2, '0')} s`;
}

/** One format for every token figure, so neighbours read alike: 950, 5.8k, 12.3k, 1.20M. */
export function formatTokens(n: number | null): string {
  if (n === null || !Number.isFinite(n) || n < 0) return UNKNOWN;
  if (n < 1000) return String(Math.round(n));
  if (n < 999_950) return `${(n / 1000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(2)}M`;
}

/** $0.0123, <$0.0001; unknown price is "—", never $0. */
export function formatCost(usd: number | null, basis?: SlotStats['costBasis']): string {
  if (usd === null || !Number.isFinite(usd) || basis === 'unknown') return UNKNOWN;
  if (usd > 0 && usd < 0.0001) return '<$0.0001';
  return usd >= 1 ? `$${usd.toFixed(2)}` : `$${usd.toFixed(4)}`;
}

/** One labelled figure of the stats line. */
export interface StatItem { key: 'ttft' | 'total' | 'in' | 'out' | 'cached' | 'cost'; label: string; value: string; title: string }

/** The stats line; cost is hidden while blind (prices identify vendors). */
export function statItems(s: SlotStats, opts: { hideCost: boolean }): StatItem[] {
  const items: StatItem[] = [
    { key: 'ttft', label: 'TTFT', value: formatMs(s.ttftMs), title: 'Time to first token' },
    { key: 'total', label: 'Total', value: formatMs(s.totalMs), title: 'Total time until the last token' },
    { key: 'in', label: 'In', value: formatTokens(s.tokensIn), title: 'Input tokens' },
    { key: 'out', label: 'Out', value: formatTokens(s.tokensOut), title: 'Output tokens' },
    { key: 'cached', label: 'Cached', value: formatTokens(s.tokensCached), title: 'Input tokens read from the provider cache' },
  ];
  items.push(opts.hideCost
    ? { key: 'cost', label: 'Cost', value: 'hidden', title: 'Cost is hidden until the verdict is saved (prices identify vendors)' }
    : { key: 'cost', label: 'Cost', value: formatCost(s.costUsd, s.costBasis), title: s.costBasis === 'user' ? 'Cost from your price override' : 'Cost at list price' });
  return items;
}

/** Text, icon and tone of a status at time `now` (ms since epoch). */
export function statusLine(status: SlotStatus, now: number): { text: string; icon: string; tone: 'busy' | 'ok' | 'warn' | 'error' | 'idle' } {
  switch (status.kind) {
    case 'queued': return { text: 'Queued', icon: 'clock', tone: 'idle' };
    case 'waiting': return { text: 'Waiting for the first token…', icon: 'loading', tone: 'busy' };
    case 'streaming': return { text: status.tokPerSec === null ? 'Streaming…' : `Streaming · ${Math.round(status.tokPerSec)} tok/s`, icon: 'loading', tone: 'busy' };
    case 'retrying': {
      const secs = Math.max(0, Math.ceil((status.resumeAt - now) / 1000));
      const attempt = status.attempt ? ` (attempt ${status.attempt})` : '';
      return { text: `Retrying in ${secs} s${attempt}: ${status.reason}`, icon: 'sync', tone: 'warn' };
    }
    case 'done': return { text: 'Done', icon: 'pass', tone: 'ok' };
    case 'truncated': return { text: 'Truncated: the output hit the token limit', icon: 'warning', tone: 'warn' };
    case 'failed': {
      const m = status.message.length > 500 ? `${status.message.slice(0, 500)}…` : status.message;
      return { text: `Failed: ${m}`, icon: 'error', tone: 'error' };
    }
  }
}
