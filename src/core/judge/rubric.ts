/** The judge's rubric and prompt version: the criteria the verdict form rates, versioned with the judge prompt. */
import { createHash } from 'node:crypto';

/** One rubric line the judge rates 1–5 for each draft (the same shape as the verdict form's criteria). */
export interface JudgeCriterion { id: string; label: string; description?: string }

/** Version of the judge prompt and answer format; bump it when either changes. */
export const JUDGE_PROMPT_VERSION = 'pairwise-judge/1';

/**
 * The default rubric: the same criteria (ids, labels, descriptions) as the verdict form's default rubric, so a judge's
 * ratings line up with a human's (test/unit/core/judge/rubric.test.ts keeps the two equal).
 */
export const DEFAULT_JUDGE_RUBRIC: readonly JudgeCriterion[] = [
  { id: 'grounded', label: 'Grounded in this repo', description: 'Refers to real files, APIs and conventions of the repository.' },
  { id: 'faithful', label: 'Faithful to the paper', description: 'Applies what the paper actually says, without inventing claims.' },
  { id: 'actionable', label: 'Actionable', description: 'A maintainer could merge or act on it with little extra work.' },
  { id: 'route', label: 'Right route', description: 'PR, issue or skip was the right call for this repo and paper.' },
];

const CRITERION_ID = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** Checks a rubric: non-empty, ids lower-case words, no duplicates; the error says what to fix. */
export function checkRubric(rubric: readonly JudgeCriterion[]): string | undefined {
  if (rubric.length === 0) return 'The judge rubric is empty; give at least one criterion or use the default.';
  const seen = new Set<string>();
  for (const c of rubric) {
    if (!CRITERION_ID.test(c.id)) return `Rubric criterion id "${c.id}" must be lower-case letters, digits, - or _ (at most 40).`;
    if (seen.has(c.id)) return `Rubric criterion id "${c.id}" appears twice.`;
    seen.add(c.id);
  }
  return undefined;
}

/** The version recorded with a judge answer: the prompt version, plus a short hash of the rubric when it is not the default. */
export function judgePromptVersion(rubric: readonly JudgeCriterion[] = DEFAULT_JUDGE_RUBRIC): string {
  const same = rubric.length === DEFAULT_JUDGE_RUBRIC.length && rubric.every((c, i) => c.id === DEFAULT_JUDGE_RUBRIC[i].id
    && c.label === DEFAULT_JUDGE_RUBRIC[i].label && (c.description ?? '') === (DEFAULT_JUDGE_RUBRIC[i].description ?? ''));
  if (same) return JUDGE_PROMPT_VERSION;
  const h = createHash('sha256').update(JSON.stringify(rubric.map((c) => [c.id, c.label, c.description ?? '']))).digest('hex');
  return `${JUDGE_PROMPT_VERSION}+rubric.${h.slice(0, 8)}`;
}
