// `pairwise compare`: one pair on one repo + paper: context, consent, both sides in parallel, checks, record.
import { resolve } from 'node:path';
import { plainHttpWarnings } from '../../core/providers';
import { ResultsStore } from '../../core/results';
import { flag, posInt, str } from '../args';
import { failure, usageError, type CliCommand } from '../command';
import { confirmSend } from '../consent';
import { prepareRun } from '../../core/session/prepare';
import { readRepoInfo } from '../../core/session/repoInfo';
import { Session } from '../../core/session/session';
import { EXIT } from '../exitCodes';
import { line, terminalSafe, writeJson } from '../io';
import { PairEventsView, sideSummaryLines } from '../pairSummary';
import { choosePapers, PAPER_OPTIONS } from '../paperFlags';
import { resultsFileFor } from '../resultsInput';
import { SIDE_LIMIT_HELP, SIDE_LIMIT_OPTIONS, sideLimitsFrom } from '../sideLimits';
import { estimatedInputCost, formatEstimate, preloadProviderSdks, resolveCliSide, sideConfigFromFile } from '../sides';

/** The compare command. */
export const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'run two models on the same repo context + paper and record the pair (verdict pending)',
  help: `Usage: pairwise compare --repo PATH --paper arxiv:ID|FILE --a PRESET:MODEL --b PRESET:MODEL
                        [--a-base-url URL] [--b-base-url URL] [--mode pin|selection --pool DIR|FILE]
                        [--budget N] [--results FILE] [--yes] [--json]

Shows what would be sent (files, tokens, redactions, estimated cost), asks before sending (on a
terminal; elsewhere --yes is required), runs both sides in parallel, parses both drafts, runs the
checks, and appends the pair to the results file with verdict "pending" (judge it later in VS Code).
  --a, --b SPEC          preset:model, e.g. anthropic:claude-opus-4-7, zai:glm-5.2, ollama:qwen3:8b
  --a-base-url URL       override side A's endpoint (same for --b-base-url)
  --paper ID|FILE        arXiv id/URL or paper file; --brief TEXT for a typed idea
  --mode, --pool         selection mode: the models pick one paper from the pool
  --budget N             repository token budget (default 60000)
  --providers FILE       custom presets (YAML/JSON map, same shape as the pairwise.providers setting)
  --max-tokens N         output cap per side (default 8192)
${SIDE_LIMIT_HELP}
  --no-checks            skip the grounding/patch checks
  --results FILE         results file (default <repo>/.pairwise/results.jsonl)
  --yes                  consent to send without asking
  --json                 print {id, resultsFile, sides, checks, manifest totals} as JSON
Keys come from environment variables (ANTHROPIC_API_KEY, OPENAI_API_KEY, ZAI_API_KEY, …; local presets
need none). Exit: 0 both sides ok, 4 one side failed, 1 both failed or nothing could be recorded, 3 refused.
`,
  options: { repo: { type: 'string' }, ...PAPER_OPTIONS, a: { type: 'string' }, b: { type: 'string' }, 'a-base-url': { type: 'string' },
    'b-base-url': { type: 'string' }, budget: { type: 'string' }, results: { type: 'string' }, yes: { type: 'boolean', short: 'y' },
    json: { type: 'boolean' }, providers: { type: 'string' }, 'max-tokens': { type: 'string' }, 'no-checks': { type: 'boolean' },
    ...SIDE_LIMIT_OPTIONS },
  async run(args, io) {
    const cmd = 'compare';
    const aText = str(args, 'a');
    const bText = str(args, 'b');
    if (!aText || !bText) return usageError(io, cmd, 'both --a and --b are required, as preset:model.');
    const budget = posInt(args, 'budget', 2_000_000);
    if (typeof budget === 'object') return usageError(io, cmd, budget.error);
    const maxTokens = posInt(args, 'max-tokens', 1_000_000);
    if (typeof maxTokens === 'object') return usageError(io, cmd, maxTokens.error);
    const limits = sideLimitsFrom(args);
    if (!limits.ok) return usageError(io, cmd, limits.error);
    const cfg = await sideConfigFromFile(str(args, 'providers'), io.cwd, io.env);
    if (!cfg.ok) return usageError(io, cmd, cfg.error);
    for (const w of cfg.config.warnings) io.stderr.write(`pairwise ${cmd}: warning: ${terminalSafe(w)}\n`);
    const a = resolveCliSide(aText, str(args, 'a-base-url'), cfg.config, '--a');
    if (!a.ok) return usageError(io, cmd, a.error);
    const b = resolveCliSide(bText, str(args, 'b-base-url'), cfg.config, '--b');
    if (!b.ok) return usageError(io, cmd, b.error);
    preloadProviderSdks([a.side, b.side]);
    const papers = await choosePapers(args, io, true);
    if (!papers.ok) return papers.usage ? usageError(io, cmd, papers.error) : failure(io, cmd, papers.error);
    for (const w of papers.warnings) io.stderr.write(`pairwise ${cmd}: warning: ${terminalSafe(w)}\n`);
    const repoRoot = resolve(io.cwd, str(args, 'repo') ?? '.');
    const built = await prepareRun({ repoRoot, mode: papers.mode, papers: papers.papers, ...(budget ? { budgetTokens: budget } : {}) });
    if (!built.ok) return failure(io, cmd, built.error);
    const ctx = built.run;
    for (const w of ctx.warnings) io.stderr.write(`pairwise ${cmd}: warning: ${terminalSafe(w)}\n`);
    const t = ctx.manifest.totals;
    line(io.stderr, `About to send to A (${aText} via ${a.side.preset.baseUrl}) and B (${bText} via ${b.side.preset.baseUrl}):`);
    line(io.stderr, `  ${t.files} files, ~${t.tokens.toLocaleString('en-US')} tokens, ${ctx.manifest.redactions.length} redactions, ${ctx.manifest.papers.map((p) => p.id).join(', ') || 'no paper'}`);
    line(io.stderr, `  estimated cost: A ${formatEstimate(estimatedInputCost(a.side, t.tokens))}, B ${formatEstimate(estimatedInputCost(b.side, t.tokens))}`);
    line(io.stderr, `  (see everything with: pairwise context --repo ${str(args, 'repo') ?? '.'} …)`);
    for (const w of plainHttpWarnings([a.side.preset.baseUrl, b.side.preset.baseUrl])) line(io.stderr, `pairwise ${cmd}: warning: ${terminalSafe(w)}`);
    if (!(await confirmSend(io, flag(args, 'yes'), 'Send this context to both models?', cmd))) return EXIT.refused;
    const store = new ResultsStore(resultsFileFor(io, str(args, 'results'), repoRoot));
    const view = new PairEventsView(io.stderr, io.isTTY, { a: aText, b: bText });
    const job = await new Session({
      repoRoot, repo: await readRepoInfo(repoRoot), prepared: ctx, sides: { a: a.side, b: b.side }, store, source: 'cli', blind: true, swapped: false,
      checks: !flag(args, 'no-checks'), options: { ...(maxTokens ? { maxTokens } : {}), ...limits.options }, ...(io.signal ? { signal: io.signal } : {}),
    }, { ...io.ports, onEvent: (e) => view.onEvent(e) }).recorded;
    view.end();
    if (job.cancelled) { line(io.stderr, `pairwise ${cmd}: interrupted; nothing was recorded.`); return EXIT.interrupted; }
    if (job.writeError) io.stderr.write(`pairwise ${cmd}: ${job.writeError}\n`);
    const sides = job.record.sides;
    if (flag(args, 'json')) {
      writeJson(io.stdout, { id: job.record.id, resultsFile: store.file, recorded: job.written, mode: job.record.mode, sides,
        checks: { a: job.checks.a?.badges ?? null, b: job.checks.b?.badges ?? null }, manifest: { hash: ctx.manifest.manifestHash, totals: t } });
    } else {
      for (const l of [...sideSummaryLines('A', sides.a, job.checks.a), ...sideSummaryLines('B', sides.b, job.checks.b)]) line(io.stdout, l);
      line(io.stdout, job.written ? `recorded ${job.record.id} in ${store.file} (verdict pending)` : 'not recorded');
    }
    const failed = [sides.a, sides.b].filter((s) => s.status === 'failed').length;
    if (!job.written || failed === 2) return EXIT.failure;
    return failed === 1 ? EXIT.partial : EXIT.ok;
  },
};
