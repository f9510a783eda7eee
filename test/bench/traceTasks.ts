/**
 * Main-thread tasks from a Chromium trace (categories 'toplevel' and 'blink.user_timing'): each task's wall time
 * and its thread (CPU) time, between two performance.mark() calls made in a page or frame. CPU time is what a
 * task costs on a quiet machine; on a shared 2-core machine its wall time also holds whatever other processes
 * ran meanwhile (render.bench.ts reports both).
 */

/** The fields of a trace event this reads. */
export interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number }
/** One top-level task: start (µs, trace clock), wall and CPU milliseconds. */
export interface TraceTask { ts: number; wallMs: number; cpuMs: number }

const TASK = 'ThreadControllerImpl::RunTask';

/** The events of a trace file's JSON (an object with traceEvents, or a bare array). */
export function traceEvents(json: string): TraceEvent[] {
  const d = JSON.parse(json) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(d) ? d : d.traceEvents ?? [];
}

/** A mark's event (its time and the thread that made it), or null. */
export function findMark(events: readonly TraceEvent[], name: string): TraceEvent | null {
  return events.find((e) => e.name === name && e.ph !== 'M' && e.ph !== 'X') ?? null;
}

/**
 * Top-level tasks of the thread that made mark `from`, starting between marks `from` and `to` (nested run loops
 * are part of their outer task). Throws when a mark is missing or the trace has no thread times.
 */
export function tasksBetween(events: readonly TraceEvent[], from: string, to: string): TraceTask[] {
  const a = findMark(events, from), b = findMark(events, to);
  if (!a || !b) throw new Error(`trace lacks the mark ${a ? to : from}`);
  const mine = events.filter((e) => e.name === TASK && e.ph === 'X' && e.pid === a.pid && e.tid === a.tid && e.ts >= a.ts && e.ts < b.ts)
    .sort((x, y) => x.ts - y.ts);
  const out: TraceTask[] = [];
  let end = -Infinity;
  for (const e of mine) {
    if (e.ts < end) continue; // nested in the previous task
    if (e.tdur === undefined) throw new Error('trace has no thread times (tdur)');
    end = e.ts + (e.dur ?? 0);
    out.push({ ts: e.ts, wallMs: (e.dur ?? 0) / 1000, cpuMs: e.tdur / 1000 });
  }
  return out;
}
