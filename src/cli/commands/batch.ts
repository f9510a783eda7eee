// `pairwise batch`: runs a matrix of repos × papers × pairs × repeats with bounded concurrency, resumable.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { exportMarkdown } from '../../core/export';
import { formatCost, plainHttpWarnings, type ResolvedSide } from '../../core/providers';
import { ResultsStore } from '../../core/results';
import { hostOf } from '../../core/session/identity';
import { flag, nonNegNumber, posInt, str } from '../args';
import { planBatch } from '../batchPlan';
import { runBatch, type SpendMeter } from '../batchRunner';
import { failure, usageError, type CliCommand } from '../command';
import { confirmSend } from '../consent';
import { DEMO_NOTICE, setupDemo, type DemoSetup } from '../demo';
import { EXIT } from '../exitCodes';
import { line, terminalSafe, writeJson, type CliIo } from '../io';
import { matrixFromValue, parseMatrix, type MatrixResult } from '../matrix';
import { parseShard, type Shard } from '../matrixCells';
import { ProgressDisplay, formatSpend } from '../progressDisplay';
import { readResultsFile, resultsFileFor } from '../resultsInput';
import { SIDE_LIMIT_HELP, SIDE_LIMIT_OPTIONS, sideLimitsFrom } from '../sideLimits';
import { resolveCliSide, sideConfigFrom } from '../sides';

const HELP = `Usage: pairwise batch --matrix matrix.yaml [--concurrency N] [--shard i/n] [--max-cost USD]
                      [--results FILE] [--judge PRESET:MODEL [--judge-base-url URL]] [--yes] [--json]
       pairwise batch --demo

Runs every cell of the matrix (repos × papers × pairs × repeats) and appends one pending comparison per
cell to the results file as soon as it finishes. Re-running the same command skips finished cells and
retries failed ones; Ctrl-C stops cleanly (finished cells are kept) with exit 130.
  --matrix FILE      the matrix (YAML; see docs/cli.md for the format)
  --concurrency N    cells in flight at once (default: matrix concurrency, else 4)
  --shard i/n        run only shard i of n (1-based): every n-th cell; merge shard results with 'pairwise merge'
  --max-cost USD     stop starting new cells once this much was spent (known prices; running cells finish)
  --results FILE     results file (default ./.pairwise/results.jsonl next to the matrix)
  --backoff-ms N     first wait before a rate-limited cell is retried (default 2000, doubles, max 60 s)
  --judge SPEC       an LLM judge (preset:model; matrix providers/prices apply) answers each pair in both orders
                     as it finishes (see 'pairwise judge'); priced before consent (drafts at a typical length
                     and at their cap); its cost counts towards --max-cost
  --judge-base-url   override the judge's endpoint
${SIDE_LIMIT_HELP}
  --yes              consent to send without asking (required when not on a terminal)
  --json             print the run summary as JSON on stdout
  --demo             try it without keys: local mock providers on 127.0.0.1, a generated tiny repo, 2 briefs
Exit: 0 all cells done, 4 some cells failed or --max-cost stopped the batch, 130 interrupted,
2 bad matrix/flags/missing key, 3 refused (no consent), 1 other failure.
`;

async function loadMatrix(io: CliIo, matrixArg: string | undefined, demo: DemoSetup | undefined): Promise<{ res: MatrixResult; baseDir: string }> {
  if (demo) return { res: matrixFromValue(demo.matrix, demo.dir), baseDir: demo.dir };
  const file = resolve(io.cwd, matrixArg as string);
  let text: string;
  try { text = await readFile(file, 'utf8'); } catch (e) { return { res: { ok: false, errors: [`Cannot read the matrix ${file}: ${(e as Error).message}`] }, baseDir: dirname(file) }; }
  return { res: parseMatrix(text, dirname(file)), baseDir: dirname(file) };
}

/** The batch command. */
export const batchCommand: CliCommand = {
  name: 'batch',
  summary: 'run a matrix of repos × papers × model pairs (resumable, sharded, rate-limit aware); --demo to try it',
  help: HELP,
  options: { matrix: { type: 'string' }, concurrency: { type: 'string' }, shard: { type: 'string' }, 'max-cost': { type: 'string' },
    results: { type: 'string' }, yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' }, demo: { type: 'boolean' }, 'backoff-ms': { type: 'string' },
    judge: { type: 'string' }, 'judge-base-url': { type: 'string' }, ...SIDE_LIMIT_OPTIONS },
  async run(args, io) {
    const cmd = 'batch';
    const demoFlag = flag(args, 'demo');
    if (demoFlag === Boolean(str(args, 'matrix'))) return usageError(io, cmd, demoFlag ? '--demo makes its own matrix; drop --matrix.' : '--matrix FILE is required (or try --demo).');
    const concurrency = posInt(args, 'concurrency', 256);
    if (typeof concurrency === 'object') return usageError(io, cmd, concurrency.error);
    const backoffMs = posInt(args, 'backoff-ms', 600_000) ?? 2000;
    if (typeof backoffMs === 'object') return usageError(io, cmd, backoffMs.error);
    const maxCost = nonNegNumber(args, 'max-cost');
    if (typeof maxCost === 'object') return usageError(io, cmd, maxCost.error);
    const limits = sideLimitsFrom(args);
    if (!limits.ok) return usageError(io, cmd, limits.error);
    let shard: Shard | undefined;
    const shardText = str(args, 'shard');
    if (shardText) { const s = parseShard(shardText); if ('error' in s) return usageError(io, cmd, s.error); shard = s; }
    let demo: DemoSetup | undefined;
    if (demoFlag) { line(io.stderr, DEMO_NOTICE); demo = await setupDemo(); line(io.stderr, `demo: repo and results in ${demo.dir}`); }
    try {
      const { res, baseDir } = await loadMatrix(io, str(args, 'matrix'), demo);
      if (!res.ok) return usageError(io, cmd, `the matrix has problems:\n  - ${res.errors.join('\n  - ')}`);
      const m = res.matrix;
      const judgeText = str(args, 'judge');
      let judge: { side: ResolvedSide } | undefined;
      if (judgeText) {
        const cfg = sideConfigFrom(m.providers, m.prices, io.env);
        if (!cfg.ok) return usageError(io, cmd, cfg.errors.join(' '));
        const j = resolveCliSide(judgeText, str(args, 'judge-base-url'), cfg.config, '--judge');
        if (!j.ok) return usageError(io, cmd, j.error);
        judge = { side: j.side };
      } else if (str(args, 'judge-base-url')) return usageError(io, cmd, '--judge-base-url needs --judge PRESET:MODEL.');
      const resultsArg = str(args, 'results');
      const store = new ResultsStore(resultsArg ? resultsFileFor(io, resultsArg) : demo ? demo.results : resultsFileFor(io, undefined, baseDir));
      const existing = await readResultsFile(io, store.file, cmd);
      const planned = await planBatch(m, { ...(shard ? { shard } : {}), env: io.env, cwd: baseDir, existing });
      if (!planned.ok) {
        const msg = planned.errors.join('\n  - ');
        return planned.usage ? usageError(io, cmd, planned.errors.length > 1 ? `\n  - ${msg}` : msg) : failure(io, cmd, msg);
      }
      const plan = planned.plan;
      const est = plan.estimate;
      for (const w of plan.warnings) line(io.stderr, `batch: warning: ${w}`);
      line(io.stderr, `batch: ${plan.total} cells${shard ? ` in shard ${shard.index}/${shard.count}` : ''}: ${plan.alreadyDone} already done, ${plan.todo.length} to run${plan.retrying ? ` (${plan.retrying} retried after failing)` : ''}; results → ${store.file}`);
      if (plan.todo.length > 0) {
        line(io.stderr, `batch: ~${est.tokens.toLocaleString('en-US')} prompt tokens in total; estimated input cost ${formatSpend(est.usd, est.unknownSides)}${est.unknownSides ? ` (${est.unknownSides} sides without a known price)` : ''} + output`);
        if (maxCost !== undefined && est.unknownSides > 0) {
          line(io.stderr, `batch: warning: ${est.unknownSides} sides have no known price; --max-cost counts them as $0 (add them under prices: in the matrix).`);
        }
        if (judge) {
          const { estimateJudgeAhead, TYPICAL_DRAFT_TOKENS } = await import('../../core/judge'); // loaded only with --judge
          const { RUN_DEFAULTS } = await import('../../core/run/sideRunner');
          const ja = estimateJudgeAhead(plan.todo.map((p) => ({ prompt: p.context.prompt, manifest: p.context.manifest, repoName: p.repo.name, ...(p.context.paper ? { paper: p.context.paper } : {}) })), judge.side, m.maxTokens ?? RUN_DEFAULTS.maxTokens);
          const judgeCost = ja.usd === null || ja.usdMax === null ? `no known price for ${judge.side.spec.model} (add it under prices: in the matrix)` : `estimated ${formatCost(ja.usd)} (drafts of ~${TYPICAL_DRAFT_TOKENS.toLocaleString('en-US')} tokens, typical answers), at most ${formatCost(ja.usdMax)} (drafts and answers at their token caps)`;
          line(io.stderr, `batch: judge ${judgeText} answers each finished pair twice (both orders, the second from the prompt cache): ~${ja.inputTokens.toLocaleString('en-US')} prompt tokens; ${judgeCost}; its spend counts towards --max-cost.`);
        }
        const hostsOf = (sides: readonly ResolvedSide[]) => [...new Set(sides.map((s) => hostOf(s.preset.baseUrl) ?? s.preset.baseUrl))].join(', ');
        line(io.stderr, `batch: the contexts go to ${hostsOf(plan.todo.flatMap((p) => [p.a, p.b]))}${judge ? `; the judge's requests to ${hostsOf([judge.side])}` : ''}`);
        for (const w of plainHttpWarnings([...plan.todo.flatMap((p) => [p.a, p.b]), ...(judge ? [judge.side] : [])].map((s) => s.preset.baseUrl))) line(io.stderr, `batch: warning: ${terminalSafe(w)}`);
        // The demo's sides are local mocks (no question); a judge is a host of the user's choosing, so it is asked for.
        if ((!demo || judge) && !(await confirmSend(io, flag(args, 'yes'), `Send ${plan.todo.length} cells (each: one context to both models${judge ? ', then that context (or its summary) and both drafts to the judge' : ''})?`, cmd))) return EXIT.refused;
      }
      const meter: SpendMeter = { usd: 0, unknown: 0 };
      const progress = new ProgressDisplay(io.stderr, io.isTTY, () => meter, io.columns ?? 80);
      const t0 = performance.now();
      const result = await runBatch({
        cells: plan.todo, store, concurrency: concurrency ?? m.concurrency ?? 4, limits: m.limits, ...(maxCost !== undefined ? { maxCostUsd: maxCost } : {}),
        checks: m.checks, backoffMs, meter, progress, ...(io.signal ? { signal: io.signal } : {}), ...(io.ports ? { ports: io.ports } : {}),
        runOptions: { ...(m.maxTokens ? { maxTokens: m.maxTokens } : {}), ...(m.retries !== undefined ? { retry: { maxRetries: m.retries } } : {}), ...limits.options },
        onCell: (c, status, rec) => {
          const who = `${c.cell.repo.name ?? c.cell.repo.label} × ${c.cell.papers.length === 1 ? c.cell.papers[0].label : `pool of ${c.cell.papers.length}`} × ${c.cell.pair.a} vs ${c.cell.pair.b} #${c.cell.repeat + 1}`;
          const routes = rec ? ` (${rec.sides.a.route ?? '—'} vs ${rec.sides.b.route ?? '—'})` : '';
          progress.note(`cell ${c.id} ${status}: ${who}${routes}`);
        },
        ...(judge ? { judge: { side: judge.side, onJudged: (c, r) => progress.note(`cell ${c.id} judged: ${r.ok ? r.record.outcome : r.error}${r.ok && r.warnings[0] ? ` (${r.warnings[0]})` : ''}`) } } : {}),
      });
      const runMs = Math.round(performance.now() - t0);
      for (const e of [...new Set(result.writeErrors)]) io.stderr.write(`pairwise ${cmd}: ${terminalSafe(e)}\n`);
      const summary = { resultsFile: store.file, total: plan.total, alreadyDone: plan.alreadyDone, ran: plan.todo.length - result.notStarted,
        done: result.done, failed: result.failed, cancelled: result.cancelled, notStarted: result.notStarted, requeues: result.requeues,
        backoffs: result.backoffs, spentUsd: result.spentUsd, unknownCostSides: result.unknownCostSides, stoppedBy: result.stoppedBy ?? null,
        runMs, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), cells: result.cellStatus, ...(result.judged ? { judged: result.judged } : {}) };
      if (flag(args, 'json')) writeJson(io.stdout, summary);
      else {
        line(io.stdout, `batch: ${result.done} done, ${result.failed} failed, ${result.cancelled + result.notStarted} not run, ${plan.alreadyDone} done before; spent ${formatSpend(result.spentUsd, result.unknownCostSides)}`);
        if (result.judged) line(io.stdout, `batch: judge ${judgeText}: ${result.judged.consistent} consistent, ${result.judged.inconsistent} inconsistent, ${result.judged.unparsed} unparsed, ${result.judged.failed} failed (re-run 'pairwise judge' to retry those)`);
        if (result.stoppedBy === 'budget') line(io.stdout, `batch: stopped starting cells at --max-cost ${maxCost}; re-run to continue.`);
        if (result.failed) line(io.stdout, 'batch: re-run the same command to retry the failed cells.');
        if (demo) io.stdout.write(`\n${exportMarkdown(await readResultsFile(io, store.file, cmd), { title: 'Pairwise demo report (mock providers)' })}`);
        line(io.stdout, `next: pairwise report --results ${store.file}${demo ? '   (judge the pairs in VS Code: Pairwise: Judge Pending)' : ''}`);
      }
      if (result.stoppedBy === 'signal' || io.signal?.aborted) return EXIT.interrupted;
      return result.failed > 0 || result.notStarted > 0 ? EXIT.partial : EXIT.ok;
    } finally {
      await demo?.close();
    }
  },
};
