// Copies the running CLI bundle into a repository (for the workflow init-actions writes) with a SHA256SUMS file,
// so CI runs exactly this build from the checked-out commit, never a package name resolved from a registry.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Commands that fetch a package by name at run time: refused as the workflow's CLI. */
const REGISTRY_RUNNERS = /^\s*(npx|bunx|pnpx|npm\s+(exec|x)|pnpm\s+(dlx|exec)|yarn\s+dlx)\b/;

/** Why `cli` must not be the workflow's command, or undefined when it is acceptable. */
export function registryCliProblem(cli: string): string | undefined {
  if (REGISTRY_RUNNERS.test(cli)) {
    return `--cli "${cli}" would resolve a package from a registry when the workflow runs (whoever owns that name would run with your key secrets); commit the CLI instead (the default) or name a file in the repository, e.g. "node tools/pairwise/cli.js".`;
  }
  return undefined;
}

/** The built CLI bundle this process runs from (dist/cli.js), or PAIRWISE_CLI_BUNDLE; undefined when not built. */
export function cliBundlePath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.PAIRWISE_CLI_BUNDLE, process.argv[1]?.endsWith('cli.js') ? process.argv[1] : undefined,
    join(__dirname, 'cli.js'), resolve(__dirname, '../../../dist/cli.js'), resolve(__dirname, '../../dist/cli.js')];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

/** Copies the launcher (dist/cli.js) and its ES module chunks (dist/cli/) into `dir`; writes `dir`/SHA256SUMS. */
export async function vendorCli(bundle: string, dir: string, repoRoot: string): Promise<{ files: string[]; sums: string }> {
  const from = dirname(bundle);
  const chunkDir = join(from, 'cli');
  const chunks = existsSync(chunkDir) ? (await readdir(chunkDir)).filter((f) => /\.(js|json)$/.test(f)).sort() : [];
  await mkdir(join(dir, 'cli'), { recursive: true });
  const pairs: [string, string][] = [[bundle, join(dir, 'cli.js')], ...chunks.map((f): [string, string] => [join(chunkDir, f), join(dir, 'cli', f)])];
  const lines: string[] = [];
  const files: string[] = [];
  for (const [src, target] of pairs) {
    await copyFile(src, target);
    const rel = relative(repoRoot, target).replace(/\\/g, '/');
    lines.push(`${createHash('sha256').update(await readFile(target)).digest('hex')}  ${rel}`);
    files.push(rel);
  }
  const sums = join(dir, 'SHA256SUMS');
  await writeFile(sums, `${lines.join('\n')}\n`);
  return { files, sums: relative(repoRoot, sums).replace(/\\/g, '/') };
}
