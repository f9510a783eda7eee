// `pairwise report`: the Markdown report (or the documented JSON) of a results file.
import { foldResultsFile, type RecordFilter } from '../../core/results';
import { renderReportMarkdown, reportJson, statsOfFolded, type StatsOptions } from '../../core/stats';
import { CORRECT_CHECKS, type CorrectCheck } from '../../core/stats/serving';
import { loadStyleFeatures } from '../../core/stats/styleLoad';
import { DEFAULT_BOOTSTRAP_SEED } from '../../core/stats/bradleyTerry';
import { flag, str } from '../args';
import { failure, usageError, type CliCommand } from '../command';
import { EXIT } from '../exitCodes';
import { writeJson } from '../io';
import { missingInput, reportProblems, resultsFileFor } from '../resultsInput';

/** Builds a record filter from --repo/--paper/--mode/--since/--until; an error names the bad flag. */
export function filterFromFlags(values: { repo?: string; paper?: string; mode?: string; since?: string; until?: string }): RecordFilter | { error: string } {
  const f: RecordFilter = {};
  if (values.repo) f.repo = values.repo;
  if (values.paper) f.paper = values.paper;
  if (values.mode !== undefined) {
    if (values.mode !== 'pin' && values.mode !== 'selection') return { error: `--mode must be pin or selection, not "${values.mode}".` };
    f.mode = values.mode;
  }
  for (const k of ['since', 'until'] as const) {
    const v = values[k];
    if (v === undefined) continue;
    if (Number.isNaN(Date.parse(v))) return { error: `--${k} must be a date like 2026-01-31 or an ISO time, not "${v}".` };
    f[k] = v;
  }
  return f;
}

/** Parses --equivalence-margin, --ttft-thresholds and --correct into stats options; an error names the bad flag. */
export function statsFlags(values: { margin?: string; thresholds?: string; correct?: string }): StatsOptions | { error: string } {
  const o: StatsOptions = {};
  if (values.margin !== undefined) {
    const m = Number(values.margin);
    if (!(m > 0 && m < 0.5)) return { error: `--equivalence-margin must be a fraction between 0 and 0.5 (0.05 = 5 points), not "${values.margin}".` };
    o.equivalenceMargin = m;
  }
  if (values.thresholds !== undefined) {
    const t = values.thresholds.split(',').map((x) => Number(x.trim()));
    if (t.length === 0 || t.some((x) => !(x > 0))) return { error: `--ttft-thresholds must be seconds separated by commas, like 10,17, not "${values.thresholds}".` };
    o.ttftThresholdsMs = t.map((x) => x * 1000);
  }
  if (values.correct !== undefined) {
    if (!(CORRECT_CHECKS as readonly string[]).includes(values.correct)) return { error: `--correct must be one of ${CORRECT_CHECKS.join(', ')}, not "${values.correct}".` };
    o.correctCheck = values.correct as CorrectCheck;
  }
  return o;
}

/** The report command. */
export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'print the leaderboard, win rates, outcomes and cost tables of a results file',
  help: `Usage: pairwise report [--results FILE] [--json] [--repo R] [--paper P] [--mode pin|selection] [--since DATE] [--until DATE]

Prints the Markdown report (tables) of a results file, or the documented JSON report with --json.
  --results FILE   results file (default ./.pairwise/results.jsonl)
  --json           print the JSON report (format "pairwise-report", version 1)
  --repo R         only comparisons of repo R (name or remote)
  --paper P        only comparisons of paper P (id or title)
  --mode M         only pin or selection comparisons
  --since DATE     only comparisons at or after DATE; --until DATE: before DATE
  --title TEXT     heading of the Markdown report
  --seed N         bootstrap seed (default ${DEFAULT_BOOTSTRAP_SEED}) for reproducible intervals
  --equivalence-margin D   pairs whose win rate is surely within 50% ± D are "equivalent" (default 0.05)
  --ttft-thresholds S,S    count first tokens slower than these seconds (default 10,17)
  --correct CHECK  what makes a draft correct for cost per correct draft: ${CORRECT_CHECKS.join(' | ')} (default patchApplies)
`,
  options: { results: { type: 'string' }, json: { type: 'boolean' }, repo: { type: 'string' }, paper: { type: 'string' }, mode: { type: 'string' },
    since: { type: 'string' }, until: { type: 'string' }, title: { type: 'string' }, seed: { type: 'string' },
    'equivalence-margin': { type: 'string' }, 'ttft-thresholds': { type: 'string' }, correct: { type: 'string' } },
  async run(args, io) {
    const filter = filterFromFlags({ repo: str(args, 'repo'), paper: str(args, 'paper'), mode: str(args, 'mode'), since: str(args, 'since'), until: str(args, 'until') });
    if ('error' in filter) return usageError(io, 'report', filter.error);
    const seedText = str(args, 'seed');
    const seed = seedText === undefined ? undefined : Number(seedText);
    if (seed !== undefined && !Number.isSafeInteger(seed)) return usageError(io, 'report', `--seed must be a whole number, not "${seedText}".`);
    const extra = statsFlags({ margin: str(args, 'equivalence-margin'), thresholds: str(args, 'ttft-thresholds'), correct: str(args, 'correct') });
    if ('error' in extra) return usageError(io, 'report', extra.error);
    const file = resultsFileFor(io, str(args, 'results'));
    const missing = await missingInput(file);
    if (missing) return failure(io, 'report', missing);
    // One streaming pass (latest batch attempts, the filter and amends applied as it reads): no array of every record.
    const folded = await foldResultsFile(file, { filter, read: { quarantine: false }, keptProblems: 5, compact: true });
    reportProblems(io, file, 'report', folded.problems, folded.problemCount);
    const styles = await loadStyleFeatures(file, folded.comparisons);
    const stats = statsOfFolded({ comparisons: folded.comparisons, bare: folded.bare, amends: folded.amends, orphanAmends: 0 }, { ...extra, styles, ...(seed === undefined ? {} : { seed }) });
    if (flag(args, 'json')) writeJson(io.stdout, reportJson(stats));
    else io.stdout.write(renderReportMarkdown(stats, str(args, 'title')));
    return EXIT.ok;
  },
};
