// Batch progress on stderr: one redrawn line on a terminal, plain lines otherwise (CI logs).
import type { TextSink } from './io';
import type { SchedulerState } from './batchScheduler';

/** Formats milliseconds as `45s`, `3m05s` or `1h02m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Formats a running dollar total; `unknown` counts cells whose price is not known. */
export function formatSpend(usd: number, unknown: number): string {
  const known = usd === 0 && unknown > 0 ? '$?' : `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`;
  return unknown > 0 && usd > 0 ? `${known}+?` : known;
}

/** The single status line: bar, done/total, failed, retrying, running, ETA and spend. */
export function progressLine(s: SchedulerState, elapsedMs: number, spend: { usd: number; unknown: number }, width = 80): string {
  const finished = s.done + s.failed;
  const left = s.total - finished;
  const eta = finished > 0 ? (elapsedMs / finished) * left : NaN;
  const paused = Object.keys(s.paused);
  const parts = [`${finished}/${s.total}`, `${s.failed} failed`, `${s.retrying} retrying`, `${s.running} running`,
    `ETA ${left === 0 ? '0s' : formatDuration(eta)}`, formatSpend(spend.usd, spend.unknown)];
  if (paused.length) parts.push(`backoff: ${paused.join(',')}`);
  const text = parts.join(' · ');
  const barWidth = Math.max(10, Math.min(30, width - text.length - 4));
  const filled = s.total === 0 ? barWidth : Math.round((finished / s.total) * barWidth);
  const line = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${text}`;
  return line.length > width - 1 ? line.slice(0, width - 1) : line;
}

/** Draws progress: `update` redraws the TTY line (throttled); `note` prints a message line in either mode. */
export class ProgressDisplay {
  private last = 0;
  private state: SchedulerState | undefined;
  private drawn = false;
  private readonly t0 = Date.now();

  /** `tty` chooses the redrawn bar; otherwise only `note` lines are printed. */
  constructor(private readonly sink: TextSink, private readonly tty: boolean, private readonly spend: () => { usd: number; unknown: number },
    private readonly width = 80, private readonly minIntervalMs = 100) {}

  /** Records the latest scheduler state and redraws the bar at most every `minIntervalMs`. */
  update(s: SchedulerState, force = false): void {
    this.state = s;
    if (!this.tty) return;
    const now = Date.now();
    if (!force && now - this.last < this.minIntervalMs) return;
    this.last = now;
    this.sink.write(`\r\x1b[2K${progressLine(s, now - this.t0, this.spend(), this.width)}`);
    this.drawn = true;
  }

  /** Prints a line above the bar (TTY) or as a plain log line. */
  note(text: string): void {
    if (this.tty && this.drawn) this.sink.write('\r\x1b[2K');
    this.sink.write(`${text}\n`);
    if (this.tty && this.state) { this.last = 0; this.update(this.state, true); }
  }

  /** Final redraw and newline (TTY), or one summary line (plain). */
  end(): void {
    if (this.tty && this.state) { this.update(this.state, true); this.sink.write('\n'); }
    else if (this.state) this.sink.write(`${progressLine(this.state, Date.now() - this.t0, this.spend(), 200).replace(/^\[[#-]+\] /, 'progress: ')}\n`);
  }
}
