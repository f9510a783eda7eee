/**
 * The judge's strict answer format and its parser. An answer is read only when it has exactly this shape; anything
 * else is `unparsed`, never a verdict:
 *
 *   (any text before the first marker is ignored)
 *   ===VERDICT===            exactly once, alone on its line
 *   A | B | TIE | BOTH_BAD   the first non-blank line after it; nothing else in the section
 *   ===RATINGS===            optional, at most once, after VERDICT
 *   <criterion>: A=<1-5> B=<1-5>   one line per rubric criterion (each at most once, known ids only)
 *   ===REASON===             required, exactly once, last marker
 *   free text                the reason (may not contain another marker line)
 *
 * A second VERDICT marker anywhere (e.g. a quoted draft echoed back) makes the answer unparsed.
 */
import type { JudgeAnswer } from '../results/schema';

/** The three markers of the judge's answer, in order. */
export const JUDGE_MARKERS = { verdict: '===VERDICT===', ratings: '===RATINGS===', reason: '===REASON===' } as const;

/** A parsed judge answer in prompt terms ("A" = the draft shown first), or why it is unparsed. */
export type ParsedJudgeAnswer =
  | { ok: true; answer: JudgeAnswer; ratings: Record<string, { A?: number; B?: number }>; reason: string }
  | { ok: false; error: string };

const MARKER_LINE = /^===([A-Z_]+)===$/;
const ANSWERS: Record<string, JudgeAnswer> = { A: 'A', B: 'B', TIE: 'TIE', BOTH_BAD: 'BOTH_BAD', 'BOTH BAD': 'BOTH_BAD' };
// `\s*(?:[,;]\s*)?` accepts what `\s*[,;]?\s*` did; the two adjacent runs of spaces backtracked quadratically (a
// judge's rating line with 80,000 tabs took 8 s on the extension host's thread; a judge may send 2 MB).
const RATING_LINE = /^([a-z0-9][a-z0-9_-]*)\s*:\s*A\s*=\s*([1-5])\s*(?:[,;]\s*)?B\s*=\s*([1-5])$/i;

/** Parses a judge's answer against the rubric's criterion ids; never throws. */
export function parseJudgeAnswer(text: string, criteria: readonly string[]): ParsedJudgeAnswer {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const markers: { name: string; line: number }[] = [];
  lines.forEach((l, i) => {
    const m = MARKER_LINE.exec(l.trim());
    if (m) markers.push({ name: m[1], line: i });
  });
  const verdicts = markers.filter((m) => m.name === 'VERDICT');
  if (verdicts.length === 0) return { ok: false, error: 'no ===VERDICT=== line' };
  if (verdicts.length > 1) return { ok: false, error: `${verdicts.length} ===VERDICT=== lines (exactly one is allowed)` };
  const after = markers.filter((m) => m.line > verdicts[0].line);
  const names = after.map((m) => m.name);
  const unknown = names.find((n) => n !== 'RATINGS' && n !== 'REASON');
  if (unknown) return { ok: false, error: `unknown marker ===${unknown}=== after the verdict` };
  if (names.filter((n) => n === 'REASON').length !== 1) return { ok: false, error: 'exactly one ===REASON=== must follow the verdict' };
  if (names.filter((n) => n === 'RATINGS').length > 1) return { ok: false, error: 'more than one ===RATINGS=== block' };
  if (names[names.length - 1] !== 'REASON') return { ok: false, error: '===RATINGS=== must come before ===REASON===' };
  const reasonAt = after[after.length - 1].line;
  const ratingsAt = after.length === 2 ? after[0].line : undefined;
  const verdictLines = lines.slice(verdicts[0].line + 1, ratingsAt ?? reasonAt).map((l) => l.trim()).filter(Boolean);
  if (verdictLines.length !== 1) return { ok: false, error: verdictLines.length ? 'the verdict section has more than one line' : 'the verdict is empty' };
  const answer = ANSWERS[verdictLines[0].toUpperCase()];
  if (!answer) return { ok: false, error: `"${verdictLines[0].slice(0, 40)}" is not A, B, TIE or BOTH_BAD` };
  const ratings: Record<string, { A?: number; B?: number }> = {};
  if (ratingsAt !== undefined) {
    const known = new Set(criteria);
    for (const raw of lines.slice(ratingsAt + 1, reasonAt).map((l) => l.trim().replace(/^[-*]\s+/, '')).filter(Boolean)) {
      const m = RATING_LINE.exec(raw);
      if (!m) return { ok: false, error: `rating line "${raw.slice(0, 60)}" is not "criterion: A=1-5 B=1-5"` };
      const id = m[1].toLowerCase();
      if (!known.has(id)) return { ok: false, error: `rating for unknown criterion "${id}"` };
      if (ratings[id]) return { ok: false, error: `criterion "${id}" rated twice` };
      ratings[id] = { A: Number(m[2]), B: Number(m[3]) };
    }
  }
  const reason = lines.slice(reasonAt + 1).join('\n').trim();
  return { ok: true, answer, ratings, reason };
}

/** The answer-format instructions given to the judge, listing the rubric ids for the ratings lines. */
export function judgeAnswerFormat(criteria: readonly string[]): string {
  return [
    'Answer in exactly this format, each marker alone on its line; anything before the first marker is ignored:',
    JUDGE_MARKERS.verdict,
    'One of: A, B, TIE, BOTH_BAD (A = the first draft shown, B = the second; TIE = equally good; BOTH_BAD = neither is acceptable).',
    JUDGE_MARKERS.ratings,
    `One line per criterion, each draft rated 1 (poor) to 5 (excellent), e.g. "${criteria[0] ?? 'criterion'}: A=4 B=2". Criteria: ${criteria.join(', ')}.`,
    JUDGE_MARKERS.reason,
    'Two to four sentences: what decided it. Do not repeat the markers anywhere else.',
  ].join('\n');
}
