// `pairwise batch --demo`: local mock providers on 127.0.0.1 plus a generated tiny repo and two idea briefs,
// so the whole flow (context → two streams → checks → results → report) runs without keys or network.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runGit } from '../core/git/runGit';
import { startMockProvider, type MockProvider } from '../core/demo/demoProviders';

/** The notice printed on stderr whenever the demo runs. */
export const DEMO_NOTICE = 'demo: using local mock providers on 127.0.0.1, no real model is called';

const CONFIG_PY = 'import json\n\n\ndef load_config(path):\n    with open(path) as f:\n        return json.load(f)\n';
const APP_PY = 'from src.config import load_config\n\n\ndef main():\n    cfg = load_config("config.json")\n    for _ in range(100):\n        load_config("config.json")\n    return cfg\n';
const README = '# tiny-service\n\nA toy service that reads `config.json` on every request (see `src/app.py`).\n';

/** Answer of the mock "Anthropic" side: a PR whose patch applies to the demo repo. */
export const DEMO_PR_ANSWER = [
  '===ROUTE===', 'PR', '===TITLE===', 'Memoize load_config so repeated reads hit a cache',
  '===BODY===', '`src/app.py` calls `load_config` in a loop; the brief suggests memoizing pure loaders. This adds `functools.lru_cache` to `load_config` in `src/config.py`.',
  '===PATCH===', 'diff --git a/src/config.py b/src/config.py', '--- a/src/config.py', '+++ b/src/config.py', '@@ -1,6 +1,8 @@', ' import json',
  '+from functools import lru_cache', ' ', ' ', '+@lru_cache(maxsize=32)', ' def load_config(path):', '     with open(path) as f:', '         return json.load(f)',
  '===REASON===', 'The repo re-reads the same file in a loop (src/app.py) and the brief is exactly about caching pure loaders; the change is two lines.', '',
].join('\n');

/** Answer of the mock "OpenAI-compatible" side: an Issue. */
export const DEMO_ISSUE_ANSWER = [
  '===ROUTE===', 'ISSUE', '===TITLE===', 'Measure config reload cost before adding a cache',
  '===BODY===', '`main` in `src/app.py` calls `load_config` 100 times. Before caching, measure how long one read of `config.json` takes and decide whether edits to the file must be picked up without a restart.',
  '===PATCH===', '', '===REASON===', 'Caching changes behaviour when the file is edited while running; that trade-off needs a decision first.', '',
].join('\n');

/** A generated demo workspace: repo folder, default results file, and the matrix value to run. */
export interface DemoSetup {
  dir: string;
  repo: string;
  results: string;
  matrix: Record<string, unknown>;
  close(): Promise<void>;
}

async function git(cwd: string, args: string[]): Promise<boolean> {
  return (await runGit(['-c', 'user.name=pairwise demo', '-c', 'user.email=demo@example.invalid', ...args], { cwd, timeoutMs: 30_000 })).ok;
}

/** Writes the demo repo (a tiny Python service, committed; `extra` files are added before the commit) into `repo`. */
export async function writeDemoRepo(repo: string, extra: Record<string, string> = {}): Promise<void> {
  await mkdir(join(repo, 'src'), { recursive: true });
  await writeFile(join(repo, 'src', 'config.py'), CONFIG_PY);
  await writeFile(join(repo, 'src', 'app.py'), APP_PY);
  await writeFile(join(repo, 'src', '__init__.py'), '');
  await writeFile(join(repo, 'README.md'), README);
  await writeFile(join(repo, 'config.json'), '{"workers": 2}\n');
  for (const [rel, text] of Object.entries(extra)) {
    await mkdir(dirname(join(repo, rel)), { recursive: true });
    await writeFile(join(repo, rel), text);
  }
  if (await git(repo, ['init', '-q'])) { await git(repo, ['add', '-A']); await git(repo, ['commit', '-q', '-m', 'tiny service']); }
}

/** Starts the two mock servers and writes the demo repo under a fresh temp folder. */
export async function setupDemo(): Promise<DemoSetup> {
  const dir = await mkdtemp(join(tmpdir(), 'pairwise-demo-'));
  const repo = join(dir, 'tiny-service');
  await writeDemoRepo(repo);
  const shape = { ttftMs: 150, tokensPerSec: 600, chunkChars: 24 };
  const servers: MockProvider[] = await Promise.all([
    startMockProvider({ kind: 'anthropic', scenario: { type: 'ok', text: DEMO_PR_ANSWER, ...shape } }),
    startMockProvider({ kind: 'openai', scenario: { type: 'ok', text: DEMO_ISSUE_ANSWER, ...shape, ttftMs: 250 } }),
  ]);
  const [anthropic, openai] = servers;
  const matrix = {
    repos: [{ path: repo, name: 'tiny-service' }],
    papers: [
      { brief: 'Memoize pure loader functions (config, schema, templates) so repeated calls with the same arguments hit an in-process cache.', title: 'Memoizing pure loaders' },
      { brief: 'Replace polling loops with change notifications: re-read configuration only when the file changes.', title: 'Change notifications instead of polling' },
    ],
    pairs: [{ a: 'demo-anthropic:mock-claude', b: 'demo-openai:mock-gpt' }],
    repeats: 2,
    providers: {
      'demo-anthropic': { kind: 'anthropic', baseUrl: anthropic.url, auth: 'none', label: 'Demo Anthropic (mock)' },
      'demo-openai': { kind: 'openai-compatible', baseUrl: openai.url, auth: 'none', label: 'Demo OpenAI-compatible (mock)' },
    },
    prices: { 'mock-claude': { input: 3, output: 15 }, 'mock-gpt': { input: 0.5, output: 2 } },
  };
  return { dir, repo, results: join(dir, 'results.jsonl'), matrix, close: async () => { await Promise.all(servers.map((s) => s.close())); } };
}
