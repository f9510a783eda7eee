/**
 * Shared pieces of every bench: the JSON result line, medians and percentiles, interleaved runs, and the guard that
 * makes a bench that measured nothing FAIL. Each bench declares what it must have measured (`kit.measured(...)`,
 * e.g. streamed seconds, samples, records); on exit the kit prints a failing `measured_nothing` line and sets a
 * non-zero exit code when a declared amount fell short, when no metric was reported, when a reported value is not a
 * finite number, or when the bench threw. A missed goal alone is reported (`pass: false`) without failing the process.
 */

/** One result line: {"bench":…,"metric":…,"value":…,"goal":…,"pass":…, …extra}. */
export interface BenchLine { bench: string; metric: string; value: number | null; goal: string; pass: boolean; [k: string]: unknown }

/** Median of a non-empty list (mean of the middle two for even lengths); NaN when empty. */
export function median(xs: readonly number[]): number {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile (q in 0..1); NaN when empty. */
export function percentile(xs: readonly number[], q: number): number {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** Rounds for printing. */
export function round(n: number, digits = 3): number { return Math.round(n * 10 ** digits) / 10 ** digits; }

/**
 * Runs `rounds` rounds of the given steps, alternating their order each round (A B, B A, A B …) so a baseline and
 * the measured code see the same machine noise; returns each step's results in run order.
 */
export async function interleave<K extends string>(rounds: number, steps: Record<K, () => Promise<number> | number>): Promise<Record<K, number[]>> {
  const keys = Object.keys(steps) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? [...keys].reverse() : keys;
    for (const k of order) out[k].push(await steps[k]());
  }
  return out;
}

/** The kit of one bench. */
export interface BenchKit {
  /** Prints one result line now. */
  report(metric: string, value: number, goal: string, pass: boolean, extra?: Record<string, unknown>): void;
  /** Declares an amount the bench must have measured (at least `min`), e.g. `measured('stream_s', 9.8, 8)`. */
  measured(what: string, amount: number, min: number): void;
  /** Marks the bench failed with a reason (printed as a failing line on exit). */
  fail(reason: string): void;
  /** Runs the bench's main function under the guard and exits with its verdict. */
  run(main: () => Promise<void>): void;
}

/** Creates the kit for bench `bench`. */
export function benchKit(bench: string): BenchKit {
  let reported = 0;
  const problems: string[] = [];
  const kit: BenchKit = {
    report(metric, value, goal, pass, extra = {}) {
      const finite = Number.isFinite(value);
      if (!finite) problems.push(`${metric} is ${value}`);
      else reported++;
      const line: BenchLine = { bench, metric, value: finite ? round(value) : null, goal, pass: pass && finite, ...extra };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    },
    measured(what, amount, min) {
      if (!(amount >= min)) problems.push(`${what} = ${Number.isFinite(amount) ? round(amount) : amount}, needs >= ${min}`);
    },
    fail(reason) { problems.push(reason); },
    run(main) {
      main().catch((e: unknown) => { problems.push(`threw: ${String((e as Error)?.stack ?? e).split('\n').slice(0, 3).join(' | ').slice(0, 400)}`); })
        .finally(() => {
          if (reported === 0 && problems.length === 0) problems.push('no metric was reported');
          if (problems.length) {
            const line: BenchLine = { bench, metric: 'measured_nothing', value: null, goal: 'a real measurement', pass: false, problems };
            process.stdout.write(`${JSON.stringify(line)}\n`);
            process.exitCode = 1;
          }
          // Benches start servers and hosts: leave once the guard has spoken.
          setTimeout(() => process.exit(), 50).unref();
        });
    },
  };
  return kit;
}
