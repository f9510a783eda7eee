// `pairwise init-actions`: writes a GitHub Actions workflow that runs the batch in shards and reports.
import { access, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { customPresetsFrom, findPreset, parseSideSpec } from '../../core/providers';
import { renderWorkflow } from '../actionsWorkflow';
import { flag, posInt, str } from '../args';
import { failure, usageError, type CliCommand } from '../command';
import { EXIT } from '../exitCodes';
import { writeJson } from '../io';
import { parseMatrix } from '../matrix';
import { writeOutput } from '../outputFile';
import { cliBundlePath, registryCliProblem, vendorCli } from '../vendorCli';

/** Env vars holding the keys a matrix needs (its pairs' presets); empty when all are local. */
export function keyEnvVarsOf(matrixText: string, baseDir: string): { vars: string[]; error?: string } {
  const parsed = parseMatrix(matrixText, baseDir);
  if (!parsed.ok) return { vars: [], error: parsed.errors.join(' ') };
  const custom = customPresetsFrom(parsed.matrix.providers).presets;
  const vars = new Set<string>();
  for (const p of parsed.matrix.pairs) {
    for (const s of [p.a, p.b]) {
      const spec = parseSideSpec(s);
      const preset = 'error' in spec ? undefined : findPreset(spec.preset, custom);
      if (preset && preset.auth !== 'none' && preset.envKey) vars.add(preset.envKey);
    }
  }
  return { vars: [...vars] };
}

/** The init-actions command. */
export const initActionsCommand: CliCommand = {
  name: 'init-actions',
  summary: 'write a GitHub Actions workflow that runs a batch in parallel shards and publishes the report',
  help: `Usage: pairwise init-actions [-o .github/workflows/pairwise.yml] [--shards N] [--matrix FILE] [--cli CMD] [--force]

  -o, --out FILE   workflow file to write (default .github/workflows/pairwise.yml)
  --shards N       parallel shards (default 4); shard i runs 'pairwise batch --shard i/N'
  --matrix FILE    the batch matrix, relative to the repository root (default pairwise-matrix.yaml);
                   when it exists, the key secrets its presets need are wired in
  --cli CMD        how CI runs the CLI; default: this very CLI, copied to .github/pairwise/ (commit it)
                   with a SHA256SUMS each job checks, run as "node .github/pairwise/cli.js". Never a
                   registry name (npx/pnpm dlx/…): whoever owns that name would run with your key secrets
  --force          overwrite an existing workflow file
  --json           print {path, shards, secrets} as JSON
`,
  options: { out: { type: 'string', short: 'o' }, shards: { type: 'string' }, matrix: { type: 'string' }, cli: { type: 'string' },
    force: { type: 'boolean' }, json: { type: 'boolean' } },
  async run(args, io) {
    const shards = posInt(args, 'shards', 256) ?? 4;
    if (typeof shards === 'object') return usageError(io, 'init-actions', shards.error);
    const out = resolve(io.cwd, str(args, 'out') ?? '.github/workflows/pairwise.yml');
    const matrixArg = str(args, 'matrix') ?? 'pairwise-matrix.yaml';
    const matrixAbs = isAbsolute(matrixArg) ? matrixArg : resolve(io.cwd, matrixArg);
    const matrixRel = relative(io.cwd, matrixAbs).replace(/\\/g, '/') || matrixArg;
    let keyVars = ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'ZAI_API_KEY'];
    const text = await readFile(matrixAbs, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      const k = keyEnvVarsOf(text, dirname(matrixAbs));
      if (k.error) return usageError(io, 'init-actions', `${matrixAbs}: ${k.error}`);
      keyVars = k.vars;
    } else io.stderr.write(`pairwise init-actions: ${matrixAbs} not found; wiring the common key secrets (${keyVars.join(', ')}).\n`);
    if (!flag(args, 'force') && (await access(out).then(() => true, () => false))) {
      return failure(io, 'init-actions', `${out} already exists; use --force to overwrite it.`);
    }
    const cliArg = str(args, 'cli');
    const problem = cliArg === undefined ? undefined : registryCliProblem(cliArg);
    if (problem) return usageError(io, 'init-actions', problem);
    let vendored: { files: string[]; sums: string } | undefined;
    if (cliArg === undefined) {
      const bundle = cliBundlePath(io.env);
      if (!bundle) return failure(io, 'init-actions', 'the built CLI bundle (dist/cli.js) was not found to copy into the repository; build it (node scripts/build.mjs) or pass --cli.');
      vendored = await vendorCli(bundle, resolve(io.cwd, '.github/pairwise'), io.cwd);
    }
    const yaml = renderWorkflow({ shards, matrix: matrixRel, cli: cliArg ?? 'node .github/pairwise/cli.js', keyEnvVars: keyVars, ...(vendored ? { verify: vendored.sums } : {}) });
    const w = await writeOutput(io, out, yaml);
    if (!w.ok) return failure(io, 'init-actions', w.error);
    if (flag(args, 'json')) writeJson(io.stdout, { path: out, shards, matrix: matrixRel, secrets: keyVars, cli: vendored?.files ?? [] });
    else {
      io.stdout.write(`wrote ${out}: ${shards} shards of ${matrixRel}${keyVars.length ? `; add repository secrets ${keyVars.join(', ')}` : ''}\n`);
      if (vendored) io.stdout.write(`copied this CLI (${vendored.files.length} files) to .github/pairwise/ with ${vendored.sums}: commit them with the workflow (CI runs exactly this build)\n`);
    }
    return EXIT.ok;
  },
};
