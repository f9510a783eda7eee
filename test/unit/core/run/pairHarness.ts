// Shared helpers for the run tests: sides pointed at mock servers, event capture, leak checks.
import { resolveSide } from '../../../../src/core/providers/presets';
import type { PromptInput, ResolvedSide } from '../../../../src/core/providers/types';
import type { RunEvent, RunOptions } from '../../../../src/core/run/types';
import type { MockProvider } from '../../../fakes/mockProviders';

/** Keys the mocks see; long enough to be redacted, distinctive enough to grep for. */
export const KEYS = { anthropic: 'sk-ant-api03-MOCKKEY-a1b2c3d4e5f6g7h8', openai: 'zai-MOCKKEY-9z8y7x6w5v4u3t2s1r' } as const;

/** A small prompt with both cacheable blocks. */
export const PROMPT: PromptInput = {
  system: 'You are Pairwise test system prompt.',
  blocks: [{ kind: 'repo', text: 'REPO CONTEXT '.repeat(200) }, { kind: 'paper', text: 'PAPER TEXT '.repeat(100) }],
  task: 'Decide: PR, issue or skip.',
};

/** Small limits so faults resolve in milliseconds. */
export const FAST: RunOptions = {
  idleTimeoutMs: 300,
  headersTimeoutMs: 3000,
  retry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 20, retryAfterCapMs: 1000, random: () => 0.5 },
};

/** A resolved side for a mock: anthropic mocks use the `anthropic` preset, OpenAI mocks the `zai` preset. */
export function sideFor(mock: MockProvider, model?: string): ResolvedSide {
  const anthropic = mock.kind === 'anthropic';
  const r = resolveSide({ preset: anthropic ? 'anthropic' : 'zai', model: model ?? (anthropic ? 'claude-sonnet-4-5' : 'glm-5'), baseUrl: mock.url },
    { apiKey: anthropic ? KEYS.anthropic : KEYS.openai, env: {} });
  if ('error' in r) throw new Error(r.error);
  return r;
}

/** Collects events; `text(side)` rebuilds what a UI would show (cleared on `retrying`). */
export function eventLog() {
  const events: RunEvent[] = [];
  const shown = { a: [] as string[], b: [] as string[] };
  return {
    events,
    onEvent: (e: RunEvent) => {
      events.push(e);
      if (e.type === 'retrying') shown[e.side] = [];
      if (e.type === 'delta') shown[e.side].push(e.text);
    },
    text: (side: 'a' | 'b') => shown[side].join(''),
    types: (side: 'a' | 'b') => events.filter((e) => e.side === side).map((e) => e.type).filter((t) => t !== 'delta'),
  };
}

/** Number of live timers in this process. */
export function timerCount(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

/** Collects unhandled rejections while installed; `stop()` removes the listener and returns them. */
export function trapUnhandled(): { stop(): unknown[] } {
  const seen: unknown[] = [];
  const onRejection = (reason: unknown) => { seen.push(reason); };
  process.on('unhandledRejection', onRejection);
  return { stop() { process.off('unhandledRejection', onRejection); return seen; } };
}
