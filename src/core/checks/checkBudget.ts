// Bounds on the checks: drafts over a size are refused before any scan, and each check runs under a time budget
// (its git processes are stopped through the signal when the budget runs out).

/** Drafts larger than this (title + body + patch, in characters) are refused before any scan. */
export const MAX_CHECK_CHARS = 4 * 1024 * 1024;

/** Time each check (grounding; the patch check without the optional test run) may take by default. */
export const CHECK_BUDGET_MS = 60_000;

/** Why a draft is too large to check, or undefined when it is small enough. */
export function oversizeReason(draft: { title?: unknown; body?: unknown; patch?: unknown }, max = MAX_CHECK_CHARS): string | undefined {
  const len = (v: unknown) => (typeof v === 'string' ? v.length : 0);
  const size = len(draft.title) + len(draft.body) + len(draft.patch);
  if (size <= max) return undefined;
  const mb = (n: number) => `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  return `The draft is ${mb(size)}, over the ${mb(max)} the checks read; nothing was checked.`;
}

const EXPIRED = Symbol('expired');

/**
 * Runs `work` with a signal that aborts when `parent` aborts or after `budgetMs`. On expiry the check's error is
 * pushed to `errors` and undefined returned at once (the work's git processes are stopped through the signal).
 */
export async function withBudget<T>(name: string, budgetMs: number, parent: AbortSignal | undefined, errors: string[],
  work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  const ctl = new AbortController();
  const onParent = (): void => ctl.abort(parent?.reason);
  parent?.addEventListener('abort', onParent, { once: true });
  if (parent?.aborted) onParent();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<typeof EXPIRED>((resolve) => {
    timer = setTimeout(() => { ctl.abort(new Error(`${name} budget`)); resolve(EXPIRED); }, budgetMs);
  });
  const message = `The ${name} check took longer than ${Math.round(budgetMs / 1000)} s and was stopped.`;
  try {
    const r = await Promise.race([work(ctl.signal), expired]);
    if (r === EXPIRED) { errors.push(message); return undefined; }
    return r;
  } catch (e) {
    if (ctl.signal.aborted && !parent?.aborted) { errors.push(message); return undefined; }
    throw e;
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener('abort', onParent);
  }
}
