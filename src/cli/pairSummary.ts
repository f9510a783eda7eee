// Human output of a compare run: live side status on stderr, and the final per-side summary table.
import type { CheckReport } from '../core/checks';
import { formatCost } from '../core/providers';
import type { RunEvent } from '../core/run';
import type { SideRecord } from '../core/results';
import { terminalSafe, type TextSink } from './io';
import { formatDuration } from './progressDisplay';

const int = (n: number | undefined): string => (n === undefined ? '—' : n.toLocaleString('en-US'));
const ms = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : n < 10_000 ? `${(n / 1000).toFixed(2)}s` : formatDuration(n));

/** One side's row of the summary: route, status, TTFT, total, tokens, cost ("—" when unknown). */
export function sideSummaryLines(label: string, s: SideRecord, checks?: CheckReport): string[] {
  const route = s.route ? s.route.toUpperCase() : '—';
  const tokens = s.usage ? `${int(s.usage.input)} in / ${int(s.usage.output)} out (cache ${int(s.usage.cacheRead)} read, ${int(s.usage.cacheWrite)} write)` : '—';
  const lines = [
    `${label}  ${s.preset}:${s.model}`,
    `   route ${route} · status ${s.status}${s.errorKind ? ` (${s.errorKind})` : ''} · TTFT ${ms(s.ttftMs)} · total ${ms(s.totalMs)} · cost ${formatCost(s.cost?.usd ?? null)}`,
    `   tokens ${tokens}`,
  ];
  if (s.title) lines.push(`   title: ${s.title}`);
  if (s.errorMessage) lines.push(`   error: ${s.errorMessage}`);
  if (checks) lines.push(`   checks: ${checks.badges.map((b) => `${b.level === 'ok' ? '✓' : b.level === 'warn' ? '!' : '✗'} ${b.label}`).join(' · ') || 'nothing to check'}`);
  return lines;
}

/** Prints run events for a person: a redrawn status line on a terminal, else one line per milestone. */
export class PairEventsView {
  private readonly chars = { a: 0, b: 0 };
  private readonly state = { a: 'waiting', b: 'waiting' };
  private last = 0;

  /** `labels` name the sides as shown (e.g. the model names). */
  constructor(private readonly sink: TextSink, private readonly tty: boolean, private readonly labels: { a: string; b: string }) {}

  /** Feeds one run event. */
  onEvent(e: RunEvent): void {
    const who = `${e.side.toUpperCase()} (${this.labels[e.side]})`;
    let milestone: string | undefined;
    switch (e.type) {
      case 'started': this.state[e.side] = 'sent'; break;
      case 'firstToken': this.state[e.side] = 'streaming'; milestone = `${who}: first token after ${ms(e.ttftMs)}`; break;
      case 'delta': this.chars[e.side] += e.text.length; break;
      case 'retrying': this.chars[e.side] = 0; this.state[e.side] = 'retrying'; milestone = `${who}: ${e.reason}`; break;
      case 'done': this.state[e.side] = 'done'; milestone = `${who}: done`; break;
      case 'failed': this.state[e.side] = 'failed'; milestone = `${who}: failed${e.result.ok ? '' : ` — ${e.result.message}`}`; break;
      default: break;
    }
    // A milestone may quote a provider's error message: its control characters are shown as `?` (stderr may be a terminal).
    if (!this.tty) { if (milestone) this.sink.write(`${terminalSafe(milestone)}\n`); return; }
    const now = Date.now();
    if (!milestone && now - this.last < 100) return;
    this.last = now;
    this.sink.write(`\r\x1b[2KA: ${this.state.a} ${int(this.chars.a)} chars · B: ${this.state.b} ${int(this.chars.b)} chars`);
  }

  /** Ends the live line (terminal only). */
  end(): void {
    if (this.tty) this.sink.write('\r\x1b[2K');
  }
}
