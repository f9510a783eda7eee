// `pairwise judge`: an LLM judge answers recorded comparisons in both orders (resumable, priced, consented).
import { estimateJudgeCost, judgeQueue, judgeRater, judgeSendsWhat, planJudging, selfPreferenceWarning, storedJudgeContext, JUDGE_SELECTIONS, type JudgeSelection } from '../../core/judge';
import { readCachedPaper } from '../../core/paper/paperCache';
import { loadOnePaper, paperCacheDir } from '../../core/paper/paperSources';
import type { Paper } from '../../core/paper/types';
import { formatCost, plainHttpWarning } from '../../core/providers';
import { ResultsStore } from '../../core/results';
import { flag, nonNegNumber, posInt, str } from '../args';
import { failure, usageError, type CliCommand } from '../command';
import { confirmSend } from '../consent';
import { EXIT } from '../exitCodes';
import { line, terminalSafe, writeJson } from '../io';
import { missingInput, readResultsFile, resultsFileFor } from '../resultsInput';
import { SIDE_LIMIT_HELP, SIDE_LIMIT_OPTIONS, sideLimitsFrom } from '../sideLimits';
import { resolveCliSide, sideConfigFromFile } from '../sides';

const HELP = `Usage: pairwise judge --results FILE --judge PRESET:MODEL [--judge-base-url URL] [--only pending|all|human]
                      [--max-cost USD] [--yes] [--json]

An LLM judge answers each recorded comparison that has both drafts, twice: with the drafts in both orders
(A = the draft shown first). Agreeing orders give its verdict ("consistent"); disagreeing orders are
"inconsistent" and count as a tie; an answer that breaks the format is "unparsed", a call that fails is
"failed" — neither gives a verdict. Each answer is appended as an amend with rater judge:PRESET:MODEL; it
never changes your verdict. Re-running skips pairs this judge already answered (failed ones are retried).
Shows the estimated cost first and asks before sending (elsewhere --yes is required).
  --judge SPEC           preset:model of the judge, e.g. anthropic:claude-haiku-4-5, openai:gpt-5-mini
  --judge-base-url URL   override the judge's endpoint
  --only WHICH           pending (default: no verdict yet), human (has your verdict: for agreement), all
  --max-cost USD         stop before a pair whose estimate would take the spend past this (finished pairs are kept)
  --providers FILE       custom presets (YAML/JSON map, same shape as the pairwise.providers setting)
  --max-tokens N         output cap per judge call (default 2048)
  --paper ID|FILE        the paper (arXiv id/URL or file) for the judge to read, given to the comparisons recorded
                         with that paper (same hash, or same id and version); without it an arXiv paper comes
                         from the local paper cache when compare fetched it here, else the judge sees only its name
${SIDE_LIMIT_HELP}
  --results FILE         results file (default ./.pairwise/results.jsonl)
  --yes                  consent to send without asking
  --json                 print the summary as JSON
Keys come from environment variables, as for compare. A judge of the same model family as a side gets a
warning (self-preference). Exit: 0 all judged, 4 some failed/unparsed or --max-cost stopped it, 1 nothing
could be judged or written, 2 bad flags, 3 refused, 130 interrupted.
`;

/** The judge command. */
export const judgeCommand: CliCommand = {
  name: 'judge',
  summary: 'let an LLM judge recorded comparisons in both orders (resumable, cost estimate first)',
  help: HELP,
  options: { results: { type: 'string' }, judge: { type: 'string' }, 'judge-base-url': { type: 'string' }, only: { type: 'string' },
    'max-cost': { type: 'string' }, yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' }, providers: { type: 'string' },
    'max-tokens': { type: 'string' }, paper: { type: 'string' }, ...SIDE_LIMIT_OPTIONS },
  async run(args, io) {
    const cmd = 'judge';
    const judgeText = str(args, 'judge');
    if (!judgeText) return usageError(io, cmd, '--judge PRESET:MODEL is required, e.g. --judge anthropic:claude-haiku-4-5.');
    const only = (str(args, 'only') ?? 'pending') as JudgeSelection;
    if (!JUDGE_SELECTIONS.includes(only)) return usageError(io, cmd, `--only must be one of ${JUDGE_SELECTIONS.join(', ')}, not "${only}".`);
    const maxCost = nonNegNumber(args, 'max-cost');
    if (typeof maxCost === 'object') return usageError(io, cmd, maxCost.error);
    const maxTokens = posInt(args, 'max-tokens', 1_000_000);
    if (typeof maxTokens === 'object') return usageError(io, cmd, maxTokens.error);
    const limits = sideLimitsFrom(args);
    if (!limits.ok) return usageError(io, cmd, limits.error);
    const cfg = await sideConfigFromFile(str(args, 'providers'), io.cwd, io.env);
    if (!cfg.ok) return usageError(io, cmd, cfg.error);
    const judge = resolveCliSide(judgeText, str(args, 'judge-base-url'), cfg.config, '--judge');
    if (!judge.ok) return usageError(io, cmd, judge.error);
    const file = resultsFileFor(io, str(args, 'results'));
    const missing = await missingInput(file);
    if (missing) return failure(io, cmd, missing);
    let paper: Paper | undefined;
    const paperArg = str(args, 'paper');
    if (paperArg) {
      const p = await loadOnePaper(paperArg, io.cwd, io.env, io.signal);
      if (!p.ok) return failure(io, cmd, `--paper ${paperArg}: ${p.error}`);
      paper = p.paper;
    }
    const store = new ResultsStore(file);
    const records = await readResultsFile(io, file, cmd);
    const rater = judgeRater(judge.side);
    const plan = planJudging(records, rater, only);
    const skipped = { answered: plan.answered, noDrafts: plan.noDrafts, notSelected: plan.notSelected };
    const json = flag(args, 'json');
    if (!plan.todo.length) {
      if (plan.answered === 0 && plan.noDrafts > 0) {
        return failure(io, cmd, `none of the ${plan.noDrafts} selected comparisons in ${file} has both drafts saved (a side failed, or the records were imported); there is nothing to judge.`);
      }
      const why = `nothing to judge in ${file} (--only ${only}): ${plan.answered} already answered by ${rater}, ${plan.noDrafts} without both drafts, ${plan.notSelected} not selected.`;
      if (json) writeJson(io.stdout, { resultsFile: file, judge: rater, judged: 0, consistent: 0, inconsistent: 0, unparsed: 0, failed: 0, errors: 0, costUsd: 0, skipped, warnings: [] });
      else line(io.stdout, `judge: ${why}`);
      return EXIT.ok;
    }
    if (paper) line(io.stderr, `judge: the judge reads "${paper.title}" on ${plan.todo.filter((c) => samePaper(c.paper, paper as Paper)).length} of ${plan.todo.length} comparisons (the others were recorded with another paper)`);
    const cached = new Map<string, Promise<Paper | null>>();
    /** The paper the comparison was recorded with: --paper when it matches, else the local arXiv cache (no network). */
    const paperOf = async (c: (typeof plan.todo)[number]): Promise<Paper | undefined> => {
      if (paper && samePaper(c.paper, paper)) return paper;
      const id = c.paper?.id;
      if (!id) return undefined;
      const key = `${id}\u0000${c.paper?.version ?? ''}`;
      if (!cached.has(key)) cached.set(key, readCachedPaper(paperCacheDir(io.env), id, c.paper?.version).catch(() => null));
      const hit = await cached.get(key);
      return hit && samePaper(c.paper, hit) ? hit : undefined;
    };
    const contextFor = async (c: (typeof plan.todo)[number]) => {
      const p = await paperOf(c);
      return { ...(await storedJudgeContext(c, store)), ...(p ? { paper: p } : {}) };
    };
    const est = await estimateJudgeCost({ comparisons: plan.todo, store, judge: judge.side, contextFor, ...(maxTokens ? { maxTokens } : {}) });
    const families = [...new Set(plan.todo.map((c) => selfPreferenceWarning(judge.side.spec, c.sides)).filter((w): w is string => w !== undefined))];
    line(io.stderr, `judge: ${est.pairs} comparisons to judge with ${judgeText} via ${judge.side.preset.baseUrl}, each in both orders (${plan.answered} already answered, ${plan.noDrafts} without both drafts)`);
    line(io.stderr, `judge: ~${est.inputTokens.toLocaleString('en-US')} prompt tokens (${est.cachedTokens.toLocaleString('en-US')} expected from the prompt cache); estimated cost ${est.usd === null ? '— (no price known for this model)' : `${formatCost(est.usd)}, at most ${formatCost(est.usdMax)}`}`);
    for (const w of families) line(io.stderr, `judge: warning: ${w}`);
    const plain = plainHttpWarning(judge.side.preset.baseUrl);
    if (plain) line(io.stderr, `judge: warning: ${terminalSafe(plain)}`);
    for (const p of est.problems.slice(0, 5)) line(io.stderr, `judge: warning: ${p}`);
    if (maxCost !== undefined && est.usd === null) line(io.stderr, 'judge: warning: the judge model has no known price, so --max-cost cannot stop it (add a price with --providers or choose a priced model).');
    if (!(await confirmSend(io, flag(args, 'yes'), `Send ${est.pairs * 2} judge requests (each: ${judgeSendsWhat(est)})?`, cmd))) return EXIT.refused;
    const summary = await judgeQueue({
      comparisons: plan.todo, store, judge: judge.side, contextFor, estimates: est.perPair, ...(maxCost !== undefined ? { maxCostUsd: maxCost } : {}),
      options: { ...(maxTokens ? { maxTokens } : {}), ...limits.options }, ...(io.signal ? { signal: io.signal } : {}),
      onProgress: (p) => line(io.stderr, `judge: ${p.index + 1}/${p.total} ${p.comparisonId}: ${p.error ?? p.outcome}${p.costUsd !== null ? ` (${formatCost(p.costUsd)})` : ''}`),
    }, io.ports ?? {});
    const warnings = summary.warnings.filter((w) => !families.includes(w));
    if (json) writeJson(io.stdout, { resultsFile: file, judge: rater, ...summary, warnings: [...families, ...warnings], skipped, estimateUsd: est.usd });
    else {
      line(io.stdout, `judge: ${summary.judged} judged by ${rater}: ${summary.consistent} consistent, ${summary.inconsistent} inconsistent (count as ties), ${summary.unparsed} unparsed, ${summary.failed} failed${summary.errors ? `, ${summary.errors} could not be read` : ''}; cost ${formatCost(summary.costUsd)}${summary.costUnknown ? ' + unknown' : ''}`);
      for (const w of families) line(io.stdout, `judge: warning: ${w}`);
      for (const w of warnings) line(io.stdout, `judge: note: ${w}`);
      if (summary.stoppedBy === 'max-cost') line(io.stdout, `judge: stopped at --max-cost ${maxCost} with ${summary.left} pairs left; re-run to continue.`);
      if (summary.failed) line(io.stdout, 'judge: re-run the same command to judge the failed pairs again.');
    }
    if (summary.stoppedBy === 'cancelled' || io.signal?.aborted) return EXIT.interrupted;
    if (summary.stoppedBy === 'write-error' || (summary.judged === 0 && !summary.stoppedBy)) return EXIT.failure;
    return summary.failed || summary.unparsed || summary.errors || summary.stoppedBy ? EXIT.partial : EXIT.ok;
  },
};

/** Whether a comparison was recorded with this paper: the same content hash, or the same id (and version, when both have one). */
function samePaper(rec: { id?: string; version?: string; hash?: string } | undefined, p: Paper): boolean {
  if (!rec) return false;
  if (rec.hash && rec.hash === p.hash) return true;
  const id = p.arxivId ?? p.id;
  return rec.id !== undefined && rec.id === id && (!rec.version || !p.version || rec.version === p.version);
}
