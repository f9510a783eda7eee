// `pairwise context`: shows the manifest of what would be sent, and can write the exact prompt bytes.
import { resolve } from 'node:path';
import { renderManifestMarkdown } from '../../core/context/manifest';
import { flag, posInt, str } from '../args';
import { failure, usageError, type CliCommand } from '../command';
import { prepareRun } from '../../core/session/prepare';
import { EXIT } from '../exitCodes';
import { terminalSafe, writeJson } from '../io';
import { writeOutput } from '../outputFile';
import { choosePapers, PAPER_OPTIONS } from '../paperFlags';

/** The context command. */
export const contextCommand: CliCommand = {
  name: 'context',
  summary: 'show the manifest of exactly what would be sent for a repo (+ paper); write the prompt with --out',
  help: `Usage: pairwise context --repo PATH [--paper ID|FILE | --brief TEXT] [--mode pin|selection --pool DIR|FILE]
                        [--budget N] [--json] [--out FILE]

Builds the context (repo map + ranked files within the token budget, secrets redacted, plus the paper)
without sending anything.
  --repo PATH      repository folder (default: current folder)
  --paper ID|FILE  arXiv id/URL (arxiv:2602.15763) or a .pdf/.md/.tex/.txt file
  --brief TEXT     a typed idea brief instead of a paper
  --mode M         pin (default: one paper) or selection (--pool: the model picks one)
  --pool DIR|FILE  selection mode: a folder of paper files, or a file listing ids/paths (one per line)
  --budget N       token budget for the repository part (default 60000)
  --json           print the manifest as JSON (schema "pairwise-manifest/1")
  --out FILE       also write the exact prompt text that would be sent to FILE
`,
  options: { repo: { type: 'string' }, ...PAPER_OPTIONS, budget: { type: 'string' }, json: { type: 'boolean' }, out: { type: 'string' } },
  async run(args, io) {
    const budget = posInt(args, 'budget', 2_000_000);
    if (typeof budget === 'object') return usageError(io, 'context', budget.error);
    const papers = await choosePapers(args, io, false);
    if (!papers.ok) return papers.usage ? usageError(io, 'context', papers.error) : failure(io, 'context', papers.error);
    for (const w of papers.warnings) io.stderr.write(`pairwise context: warning: ${terminalSafe(w)}\n`);
    const built = await prepareRun({ repoRoot: resolve(io.cwd, str(args, 'repo') ?? '.'), mode: papers.mode, papers: papers.papers, ...(budget ? { budgetTokens: budget } : {}) });
    if (!built.ok) return failure(io, 'context', built.error);
    for (const w of built.run.warnings) io.stderr.write(`pairwise context: warning: ${terminalSafe(w)}\n`);
    const out = str(args, 'out');
    if (out) {
      const w = await writeOutput(io, out, built.run.promptBytes);
      if (!w.ok) return failure(io, 'context', w.error);
      io.stderr.write(`pairwise context: wrote the prompt (${Buffer.byteLength(built.run.promptBytes)} bytes) to ${w.path ?? 'stdout'}\n`);
    }
    if (flag(args, 'json')) writeJson(io.stdout, built.run.manifest);
    else io.stdout.write(terminalSafe(renderManifestMarkdown(built.run.manifest)));
    return EXIT.ok;
  },
};
