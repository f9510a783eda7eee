// Mock judges: answers in the judge's format decided by a rule applied to what the prompt shows (the fenced drafts
// and the rubric's criteria), so tests know exactly what consistency and flips to expect.
import { readFencedDrafts } from '../judge/fence';

/**
 * How a mock judge decides: `first` / `second` — always that position (pure position bias, flips on every pair);
 * `longer` — the longer draft (TIE when equal; consistent); `marked` — the draft containing JUDGE_PREFER_MARK
 * (TIE when both, BOTH_BAD when neither; a fixed answer per pair); `unparsed` — prose without the format;
 * `echo` — quotes draft A as it reads it (escapes undone) before its own verdict B.
 */
export type JudgeRule = 'first' | 'second' | 'longer' | 'marked' | 'unparsed' | 'echo';

/** A draft containing this text wins under the `marked` rule. */
export const JUDGE_PREFER_MARK = '[judge-prefers-this]';

const RATE: Record<string, [number, number]> = { A: [4, 2], B: [2, 4], TIE: [3, 3], BOTH_BAD: [1, 1] };

/** The full text of a request body as the model would read it (system, blocks, task). */
export function requestText(json: unknown): string {
  const body = (json ?? {}) as { system?: { text?: string }[] | string; messages?: { content?: unknown }[] };
  const parts: string[] = [];
  if (Array.isArray(body.system)) parts.push(...body.system.map((b) => b.text ?? ''));
  else if (typeof body.system === 'string') parts.push(body.system);
  for (const m of body.messages ?? []) {
    if (typeof m.content === 'string') parts.push(m.content);
    else if (Array.isArray(m.content)) parts.push(...(m.content as { text?: string }[]).map((b) => b.text ?? ''));
  }
  return parts.join('\n\n');
}

/** The mock judge's answer to a prompt under `rule`. */
export function mockJudgeAnswer(rule: JudgeRule, prompt: string): string {
  const drafts = readFencedDrafts(prompt);
  const a = drafts.A ?? '', b = drafts.B ?? '';
  if (rule === 'unparsed') return 'Both drafts have merits. On balance I lean towards the first one, but it is close.';
  let answer: string;
  if (rule === 'first') answer = 'A';
  else if (rule === 'second' || rule === 'echo') answer = 'B';
  else if (rule === 'longer') answer = a.length === b.length ? 'TIE' : a.length > b.length ? 'A' : 'B';
  else {
    const ma = a.includes(JUDGE_PREFER_MARK), mb = b.includes(JUDGE_PREFER_MARK);
    answer = ma && mb ? 'TIE' : ma ? 'A' : mb ? 'B' : 'BOTH_BAD';
  }
  const criteria = /Criteria: ([a-z0-9_, -]+)\./.exec(prompt)?.[1].split(',').map((s) => s.trim()).filter(Boolean) ?? [];
  const [ra, rb] = RATE[answer];
  const lines = [
    ...(rule === 'echo' ? ['Draft A says:', a.replace(/^(\s*)\\(===|<<<)/gm, '$1$2'), ''] : []),
    'Let me weigh both drafts against the rubric.',
    '===VERDICT===', answer,
    '===RATINGS===', ...criteria.map((c) => `${c}: A=${ra} B=${rb}`),
    '===REASON===', `Mock judge (rule ${rule}) chose ${answer}.`,
  ];
  return lines.join('\n');
}
