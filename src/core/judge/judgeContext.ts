/**
 * What the judge sees of the context: the sides' own cached prefix (system + blocks, byte for byte) when it is known
 * and fits the judge's budget, else a summary of the saved manifest plus the paper, cut to the budget.
 */
import { countTokens, tokensWithin } from '../context/tokenCount';
import type { ContextManifest } from '../context/types';
import { renderPaperBlock } from '../paper/paperBlock';
import type { Paper } from '../paper/types';

/** What a shell knows about the context the sides got. */
export interface JudgeContextSource {
  /** The sides' prompt prefix (a live comparison, or batch): reused byte for byte so provider caches can serve it. */
  prompt?: { system: string; blocks: readonly { kind: string; text: string }[] };
  /** The comparison's saved manifest (from its `manifestHash` blob). */
  manifest?: ContextManifest;
  /** The paper, when the shell has it (e.g. from the paper cache). */
  paper?: Paper;
}

/** The judge's context prefix and where it came from. */
export interface JudgeContext {
  /** System prompt: the sides' own, or the judge's. */
  system: string;
  blocks: { kind: string; text: string }[];
  source: 'prompt' | 'summary' | 'none';
  /** Token estimate of system + blocks (o200k). */
  tokens: number;
  /** Why the summary was used, for the shell to show. */
  notes: string[];
}

/** Default token budget of the judge's context prefix. */
export const JUDGE_CONTEXT_BUDGET = 60_000;

/** System prompt of a judge that does not reuse the sides' prompt. */
export const JUDGE_SYSTEM = [
  'You are a senior software engineer reviewing two drafts that propose what a research paper should change in a code repository.',
  'You judge carefully and fairly, from the evidence shown: the repository context, the paper, the drafts and their objective checks.',
].join('\n');

/** Builds the judge's context within `budgetTokens`; pure and byte-stable for the same inputs. */
export function judgeContext(src: JudgeContextSource, budgetTokens = JUDGE_CONTEXT_BUDGET): JudgeContext {
  const notes: string[] = [];
  if (src.prompt) {
    const all = [src.prompt.system, ...src.prompt.blocks.map((b) => b.text)].join('\n');
    const tokens = tokensWithin(all, budgetTokens);
    if (tokens !== null) return { system: src.prompt.system, blocks: src.prompt.blocks.map((b) => ({ kind: b.kind, text: b.text })), source: 'prompt', tokens, notes };
    notes.push(`The sides' context is larger than the judge's budget of ${budgetTokens} tokens; the judge sees a summary of it.`);
  } else if (src.manifest) {
    notes.push("The sides' exact context is not stored with the record; the judge sees a summary of its manifest.");
  }
  const blocks: { kind: string; text: string }[] = [];
  let left = budgetTokens - countTokens(JUDGE_SYSTEM);
  if (src.paper) {
    const paper = renderPaperBlock(src.paper, Math.max(500, Math.floor(left * 0.6)));
    blocks.push({ kind: 'paper', text: paper.text });
    left -= paper.tokens;
  }
  if (src.manifest) blocks.unshift({ kind: 'context-summary', text: manifestSummary(src.manifest, Math.max(200, left)) });
  if (!blocks.length) {
    notes.push('No context is available for this comparison; the judge sees only the drafts and their checks.');
    return { system: JUDGE_SYSTEM, blocks: [], source: 'none', tokens: countTokens(JUDGE_SYSTEM), notes };
  }
  const tokens = countTokens([JUDGE_SYSTEM, ...blocks.map((b) => b.text)].join('\n'));
  return { system: JUDGE_SYSTEM, blocks, source: 'summary', tokens, notes };
}

/** A summary of what the sides were sent: repository, files by rank, papers, redactions; cut to `budgetTokens`. */
export function manifestSummary(m: ContextManifest, budgetTokens: number): string {
  const head = [
    'Summary of the context the two authors were given (the files themselves are not repeated here):',
    `Repository: ${m.repoName} (${m.mode} mode). ${m.totals.files} files sent, ${m.totals.tokens} tokens; ${m.omitted.length} files left out; ${m.redactions.length} secrets redacted.`,
    `Repository map: ${m.repoMap.shownPaths} of ${m.repoMap.paths} paths shown.`,
    ...m.papers.map((p) => `Paper: ${p.title} (${p.id}${p.version ?? ''}), ${p.tokens} tokens${p.omittedSections.length ? `; sections left out: ${p.omittedSections.join(', ')}` : ''}.`),
    'Files sent, by rank (path, tokens, why it was chosen):',
  ];
  let used = countTokens(head.join('\n'));
  const lines: string[] = [];
  for (const f of [...m.files].sort((a, b) => a.rank - b.rank)) {
    const line = `${f.rank}. ${f.path} (${f.tokens} tokens${f.excerpt ? `, excerpt ${f.excerpt.shownLines}/${f.excerpt.totalLines} lines` : ''}) — ${f.reason}`;
    const t = countTokens(line) + 1;
    if (used + t > budgetTokens) { lines.push(`… ${m.files.length - lines.length} more files.`); break; }
    lines.push(line);
    used += t;
  }
  return [...head, ...lines].join('\n');
}
