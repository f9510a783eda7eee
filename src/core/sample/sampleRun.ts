/**
 * The bundled sample comparison as a real session input: the sample repo written to a temp folder (committed, so
 * the checks apply the PR's patch), the sample brief prepared like any pinned paper, and two demo mock servers on
 * 127.0.0.1 that stream the recorded drafts at their recorded pace. A shell runs it through the same session as
 * Compare; nothing is sent anywhere but the loopback mocks, and the record and verdict stay in memory.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runGit } from '../git/runGit';
import { loadPaper } from '../paper/loadPaper';
import type { ResolvedSide, SideId } from '../providers/types';
import { startMockProvider, type MockProvider } from '../demo/demoProviders';
import { prepareRun, type PreparedRun } from '../session/prepare';
import { readRepoInfo, type RepoInfo } from '../session/repoInfo';
import { MemoryStore } from './memoryStore';
import { SAMPLE, SAMPLE_REPO_FILES } from './sampleDrafts';

/** Everything a session needs to run the sample, plus `close` (stops the mocks, removes the temp repo). */
export interface SampleRun {
  root: string;
  repo: RepoInfo;
  prepared: PreparedRun;
  sides: Record<SideId, ResolvedSide>;
  /** In-memory: the sample's record and verdict never reach a results file. */
  store: MemoryStore;
  /** The mock servers (tests read what they received). */
  servers: Record<SideId, MockProvider>;
  close(): Promise<void>;
}

/** Options of {@link prepareSampleRun}: a speed multiplier (tests use a large one). */
export interface SampleRunOptions { speed?: number }

async function writeSampleRepo(root: string): Promise<void> {
  for (const [rel, text] of Object.entries(SAMPLE_REPO_FILES)) {
    await mkdir(dirname(join(root, rel)), { recursive: true });
    await writeFile(join(root, rel), text);
  }
  const git = (args: string[]) => runGit(['-c', 'user.name=pairwise sample', '-c', 'user.email=sample@example.invalid', ...args], { cwd: root, timeoutMs: 30_000 });
  if ((await git(['init', '-q'])).ok) { await git(['add', '-A']); await git(['commit', '-q', '-m', 'tinyattn (sample)']); }
}

function sampleSide(side: SideId, server: MockProvider): ResolvedSide {
  const s = SAMPLE.sides[side];
  return { spec: { preset: s.preset, model: s.model }, preset: { id: s.preset, label: s.label, kind: server.kind === 'anthropic' ? 'anthropic' : 'openai-compatible', baseUrl: server.url, auth: 'none' } };
}

async function startSampleServer(side: SideId, speed: number): Promise<MockProvider> {
  const u = SAMPLE.usage[side];
  return startMockProvider({ kind: side === 'a' ? 'anthropic' : 'openai', scenario: { type: 'ok', text: SAMPLE.drafts[side], chunkChars: 16,
    ttftMs: SAMPLE.ttftMs[side] / speed, tokensPerSec: SAMPLE.tokensPerSecond[side] * speed,
    usage: { input: u.inputTokens, output: u.outputTokens, cacheRead: u.cacheReadTokens, cacheWrite: u.cacheWriteTokens } } });
}

/** Writes the sample repo, prepares its context and starts the two mock servers; the caller runs a session on it and closes it. */
export async function prepareSampleRun(o: SampleRunOptions = {}): Promise<{ ok: true; run: SampleRun } | { ok: false; error: string }> {
  const speed = o.speed && o.speed > 0 ? o.speed : 1;
  const dir = await mkdtemp(join(tmpdir(), 'pairwise-sample-'));
  const root = join(dir, 'tinyattn');
  const servers: MockProvider[] = [];
  const close = async () => { await Promise.all(servers.map((s) => s.close())); await rm(dir, { recursive: true, force: true }); };
  try {
    await writeSampleRepo(root);
    const paper = await loadPaper({ brief: SAMPLE.paper.text, title: SAMPLE.paper.title }, { cacheDir: dir });
    if (!paper.ok) { await close(); return paper; }
    const prepared = await prepareRun({ repoRoot: root, mode: 'pin', papers: [paper.paper] });
    if (!prepared.ok) { await close(); return prepared; }
    servers.push(await startSampleServer('a', speed), await startSampleServer('b', speed));
    const [a, b] = servers;
    return { ok: true, run: { root, repo: await readRepoInfo(root, SAMPLE.repo.name), prepared: prepared.run, sides: { a: sampleSide('a', a), b: sampleSide('b', b) },
      store: new MemoryStore(), servers: { a, b }, close } };
  } catch (e) {
    await close();
    return { ok: false, error: `Could not set up the sample comparison: ${(e as Error).message}` };
  }
}
