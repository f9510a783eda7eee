/**
 * Fencing of drafts inside the judge prompt: each draft sits between BEGIN and END lines that carry a tag derived
 * from its own text, and any line in it that looks like a marker (`===…===`, `<<<…>>>`) is escaped with a backslash,
 * so a draft can neither close its fence nor impersonate the judge's answer format.
 */
import { createHash } from 'node:crypto';

/** Which slot of the judge prompt a draft is shown in. */
export type JudgeSlot = 'A' | 'B';

/**
 * A marker at the start of a line: after any line break a model may read as one (not only \n: also VT, FF, NEL,
 * U+2028, U+2029), behind spaces and invisible format characters (zero-width space, joiners, soft hyphen, marks).
 */
// The two kinds of filler are disjoint (format characters that are also spaces, U+FEFF, count as spaces only):
// overlapping alternatives backtracked exponentially, 24 U+FEFF after a line break took 0.3 s, each one more twice that.
const MARKERISH = /(^|[\n\v\f\u0085\u2028\u2029])((?:[^\S\n\v\f\u0085\u2028\u2029]|[^\s\P{Cf}])*)(===|<<<)/gu;

/** The draft text with marker-like lines escaped (a leading backslash); nothing else changes. */
export function escapeDraft(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(MARKERISH, '$1$2\\$3');
}

/** The fence tag of a draft: 10 hex of the sha256 of its text (byte-stable, not guessable by the draft itself). */
export function fenceTag(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 10);
}

/** A draft between its BEGIN and END lines. */
export function fenceDraft(slot: JudgeSlot, text: string): string {
  const tag = fenceTag(text);
  return `<<<DRAFT ${slot} BEGIN ${tag}>>>\n${escapeDraft(text)}\n<<<DRAFT ${slot} END ${tag}>>>`;
}

/** The fenced drafts of a judge prompt (escaped text, as shown), or undefined where one is missing; the mock judges read prompts with it. */
export function readFencedDrafts(prompt: string): { A?: string; B?: string } {
  const out: { A?: string; B?: string } = {};
  for (const slot of ['A', 'B'] as const) {
    const m = new RegExp(`<<<DRAFT ${slot} BEGIN ([0-9a-f]{10})>>>\\n([\\s\\S]*?)\\n<<<DRAFT ${slot} END \\1>>>`).exec(prompt);
    if (m) out[slot] = m[2];
  }
  return out;
}
