/**
 * Bench: main-thread long tasks in the compare webview while both sides stream markdown at ~100 tokens/s each
 * (one token per delta, like real providers; the extension batches them per 50 ms on their way to the webview:
 * src/extension/panels/deltaBatcher.ts), in the real VS Code host (test/harness/host.cjs + mock providers).
 *   npm run bench -- render [--quick]      (full: 3 rounds of 60 s streaming; quick: 3 rounds of 8 s)
 * A PerformanceObserver('longtask') in the webview's inner frame records every task over 50 ms. Baseline in the
 * same run, interleaved: before each streaming round the same webview sits idle for a while (the machine's noise
 * floor on 2 shared cores). Metric: the median over rounds of each round's longest task (one stray task from
 * another process does not decide it); goal: <= 50 ms. On a shared 2-core machine a task's wall time also holds
 * whatever other processes ran meanwhile, so each round is also traced (Chromium 'toplevel' events carry each task's
 * thread time): max_task_cpu_ms is the median over rounds of the costliest main-thread task in CPU time — the work
 * in it, which load from other processes does not inflate; goal: <= 50 ms. The bench FAILS (measured nothing) when
 * a round streamed for less than 70 % of its planned time or saw no stream, when the view did not re-render at
 * least twice a second while streaming, or when an 80 ms probe task after the round is missing from the observer
 * or from the trace (test/bench/benchKit.ts). Under load the 80 ms probe (a wall-clock busy loop) shows less CPU: probe_cpu_ms vs 80
 * tells how much of the machine the browser got.
 */
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { benchKit, median } from './benchKit';
import { tasksBetween, traceEvents } from './traceTasks';

/** The parts of playwright's Page and Frame this bench uses. */
interface BenchFrame { evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> }
interface Cdp { send(method: string, params?: Record<string, unknown>): Promise<{ metrics?: { name: string; value: number }[] }> }
interface BenchPage { waitForTimeout(ms: number): Promise<void>; context(): { newCDPSession(p: BenchPage): Promise<Cdp> } }
interface Mocks { urls: { a: string; b: string }; setScenario(side: 'a' | 'b', s: unknown): Promise<unknown>; close(): Promise<void> }
interface Tracer { startTracing(p: BenchPage, o: { categories: string[] }): Promise<void>; stopTracing(): Promise<Buffer> }
interface Host { openPage(): Promise<{ page: BenchPage }>; close(): Promise<void>; browser: Tracer }
interface HarnessModule { startHost(o: { workspace: string; settings: Record<string, unknown> }): Promise<Host>; runCommand(p: BenchPage, title: string): Promise<void>; ROOT: string; webviewFrame(p: BenchPage): FrameLocator }
interface HelpersModule {
  startMocks(): Promise<Mocks>; mockSettings(urls: Mocks['urls']): Record<string, unknown>; makeGitRepo(base: string): string;
  innerFrame(p: BenchPage): Promise<BenchFrame>; waitSlotsFinal(p: BenchPage, ms: number): Promise<void>;
  startCompareRun(p: BenchPage, m: Mocks): Promise<unknown>;
}
interface FrameLocator { locator(sel: string): { first(): { waitFor(o: { timeout: number }): Promise<void> } } }
/** One recorded long task. */
interface LongTask { start: number; duration: number; name: string; container: string }

const req = createRequire(__filename);
const harness = req('../harness/host.cjs') as HarnessModule;
const helpers = req('../e2e/hostHelpers.cjs') as HelpersModule;

const quick = process.argv.includes('--quick');
const STREAM_S = quick ? 8 : 60;
const IDLE_S = quick ? 3 : 10;
const ROUNDS = 3;
const kit = benchKit('render');
const TOKENS_PER_S = 100;
const CHARS = STREAM_S * TOKENS_PER_S * 4; // the mock counts 4 characters as a token

/** Deterministic markdown of about `chars` characters: headings, prose, inline code, lists, fenced code, a table. */
function markdownDraft(seed: number, chars: number, route: 'PR' | 'ISSUE'): string {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const vocab = 'the softmax row max running sum rescale logits overflow attention query key value pass memory kernel tile block online normalizer stable exp'.split(' ');
  const words = (n: number) => Array.from({ length: n }, () => vocab[Math.floor(rnd() * vocab.length)]).join(' ');
  const out = [`===ROUTE===\n${route}\n===TITLE===\nStreaming bench draft ${seed}\n===BODY===\n`];
  let len = out[0].length;
  for (let i = 0; len < chars; i++) {
    const kind = i % 6;
    const block = kind === 0 ? `## ${words(4)}\n\n`
      : kind === 1 ? `${words(25)} \`tinyattn/softmax.py\` ${words(20)}.\n\n`
        : kind === 2 ? `- ${words(8)}\n- **${words(3)}** ${words(6)}\n- \`${words(1)}()\` ${words(5)}\n\n`
          : kind === 3 ? `\`\`\`python\ndef ${words(1)}(x):\n    m = x.max(axis=-1, keepdims=True)\n    return np.exp(x - m)\n\`\`\`\n\n`
            : kind === 4 ? `| ${words(1)} | ${words(1)} |\n|---|---|\n| ${words(3)} | ${words(2)} |\n\n`
              : `${words(40)}.\n\n`;
    out.push(block);
    len += block.length;
  }
  return out.join('').slice(0, chars);
}

/** Starts recording long tasks in the webview's inner frame. */
async function observe(frame: BenchFrame): Promise<void> {
  await frame.evaluate(() => {
    const w = window as unknown as { __pwLong: unknown[]; __pwLongObs?: PerformanceObserver };
    w.__pwLong = [];
    w.__pwLongObs?.disconnect();
    w.__pwLongObs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const a = (e as PerformanceEntry & { attribution?: { containerType?: string }[] }).attribution?.[0];
        w.__pwLong.push({ start: e.startTime, duration: e.duration, name: e.name, container: a?.containerType ?? '' });
      }
    });
    w.__pwLongObs.observe({ type: 'longtask', buffered: false });
    // Counts DOM updates of the columns: proof that the window measured the webview re-rendering a stream.
    const m = window as unknown as { __pwMut: number; __pwMutObs?: MutationObserver };
    m.__pwMut = 0;
    m.__pwMutObs?.disconnect();
    m.__pwMutObs = new MutationObserver(() => { m.__pwMut++; });
    m.__pwMutObs.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

/** Reads and resets the count of DOM-update batches since the last call. */
async function mutations(frame: BenchFrame): Promise<number> {
  return frame.evaluate(() => { const m = window as unknown as { __pwMut: number }; const n = m.__pwMut; m.__pwMut = 0; return n; });
}

/** Positive control: an 80 ms timer task in the frame; returns the longest task the observer then reports. */
async function probe(page: BenchPage, frame: BenchFrame): Promise<number> {
  await take(frame);
  // (A busy loop run by evaluate itself is not a task the API sees: schedule it as a real timer task.)
  await frame.evaluate(() => { setTimeout(() => { const t = performance.now(); while (performance.now() - t < 80) { /* busy */ } }, 0); });
  await page.waitForTimeout(400);
  return summarize(await take(frame), 1).maxMs;
}

/** Reads and clears the recorded long tasks. */
async function take(frame: BenchFrame): Promise<LongTask[]> {
  return frame.evaluate(() => {
    const w = window as unknown as { __pwLong: LongTask[] };
    const r = w.__pwLong;
    w.__pwLong = [];
    return r;
  });
}

/** Long tasks per second of wall time and the worst one. */
function summarize(tasks: LongTask[], seconds: number): { count: number; maxMs: number; busyMsPerS: number } {
  const maxMs = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
  const total = tasks.reduce((n, t) => n + t.duration, 0);
  return { count: tasks.length, maxMs: Math.round(maxMs), busyMsPerS: Number((total / seconds).toFixed(2)) };
}

/** Seconds the renderer's main thread spent in tasks so far (CDP Performance.TaskDuration: workbench and webview share it). */
async function taskSeconds(cdp: Cdp): Promise<number> { return (await mainThread(cdp)).task; }

/** The renderer main thread's task wall time and CPU time so far (CDP TaskDuration, ThreadTime), in seconds. */
async function mainThread(cdp: Cdp): Promise<{ task: number; cpu: number }> {
  const r = await cdp.send('Performance.getMetrics');
  const get = (name: string) => r.metrics?.find((m) => m.name === name)?.value ?? Number.NaN;
  return { task: get('TaskDuration'), cpu: get('ThreadTime') };
}

/** One streaming round: an idle window (baseline), then a comparison streaming both sides; what each saw. */
interface Round { idle: ReturnType<typeof summarize>; idleShare: number; run: ReturnType<typeof summarize>; streamShare: number; cpuShare: number; cpuMax: number; cpuMaxWall: number; probeCpu: number; seconds: number; worst: string[]; statuses: string; updates: number }

async function round(page: BenchPage, frame: BenchFrame, cdp: Cdp, mocks: Mocks, tracer: Tracer, r: number): Promise<Round> {
  await take(frame);
  const idle0 = await taskSeconds(cdp);
  await page.waitForTimeout(IDLE_S * 1000);
  const idleShare = (await taskSeconds(cdp) - idle0) / IDLE_S;
  const idle = summarize(await take(frame), IDLE_S);
  const shape = { type: 'ok', tokensPerSec: TOKENS_PER_S, chunkChars: 4, ttftMs: 200 };
  await mocks.setScenario('a', { ...shape, text: markdownDraft(10 * r + 1, CHARS, 'PR') });
  await mocks.setScenario('b', { ...shape, text: markdownDraft(10 * r + 2, CHARS, 'ISSUE') });
  await helpers.startCompareRun(page, mocks); // pins a brief and consents on the way (first round): not measured
  // A light trace (one event per task, with its thread time) from here to the end of the probe.
  await tracer.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
  await frame.evaluate(() => performance.mark('pw-bench-stream'));
  const t0 = Date.now();
  await take(frame); // setup tasks (command palette, quick pick, dialog) are the workbench's, not the stream's
  await mutations(frame);
  const busy0 = await taskSeconds(cdp);
  const cpu0 = (await mainThread(cdp)).cpu;
  // The panel shows the previous (final) run until this one's first events arrive: wait until a column is live
  // again, or "final" would be the last round's and the round would measure 0 s of streaming (as quick mode once did).
  const f = harness.webviewFrame(page);
  await f.locator('section.pw-slot:not([data-status="done"]):not([data-status="failed"]):not([data-status="truncated"])').first().waitFor({ timeout: 60000 });
  await helpers.waitSlotsFinal(page, (STREAM_S + 90) * 1000);
  // And the columns that ended are this round's drafts (titles are shown once a draft is parsed, at its end).
  const titles = await frame.evaluate(() => [...document.querySelectorAll('.pw-draft-title')].map((t) => t.textContent ?? ''));
  const mine = titles.filter((t) => t.includes(`Streaming bench draft ${10 * r + 1}`) || t.includes(`Streaming bench draft ${10 * r + 2}`)).length;
  kit.measured(`round ${r}: columns showing this round's drafts`, mine, 2);
  const seconds = (Date.now() - t0) / 1000;
  const streamShare = (await taskSeconds(cdp) - busy0) / seconds;
  const cpuShare = ((await mainThread(cdp)).cpu - cpu0) / seconds;
  const tasks = await take(frame);
  const updates = await mutations(frame);
  // The window measured the view re-rendering the stream (the throttle allows 10 renders a second): at least 2 a second.
  kit.measured(`round ${r}: DOM updates of the view while streaming`, updates, Math.floor(seconds * 2));
  await frame.evaluate(() => performance.mark('pw-bench-probe'));
  kit.measured(`round ${r}: probe after the round (the observer still sees an 80 ms task)`, await probe(page, frame), 70);
  await frame.evaluate(() => performance.mark('pw-bench-end'));
  const events = traceEvents((await tracer.stopTracing()).toString('utf8'));
  const streamTasks = tasksBetween(events, 'pw-bench-stream', 'pw-bench-probe');
  // The probe is in the trace too, with a thread time (an 80 ms busy loop in wall time: its CPU share depends on load).
  const probeTask = [...tasksBetween(events, 'pw-bench-probe', 'pw-bench-end')].sort((x, y) => y.wallMs - x.wallMs)[0];
  const probeCpu = probeTask?.cpuMs ?? Number.NaN;
  kit.measured(`round ${r}: main-thread tasks traced while streaming`, streamTasks.length, Math.floor(seconds * 10));
  kit.measured(`round ${r}: probe in the trace (the 80 ms task is there, >= 70 ms wall)`, probeTask?.wallMs ?? Number.NaN, 70);
  kit.measured(`round ${r}: probe in the trace has a thread time (ms CPU, > 0)`, probeTask && probeCpu <= probeTask.wallMs + 1 ? probeCpu : Number.NaN, 0.001);
  const top = [...streamTasks].sort((x, y) => y.cpuMs - x.cpuMs)[0];
  const cpuMax = top?.cpuMs ?? Number.NaN;
  const statuses = (await frame.evaluate(() => [...document.querySelectorAll('section.pw-slot')].map((x) => x.getAttribute('data-status')))).join('/');
  const worst = [...tasks].sort((a, b) => b.duration - a.duration).slice(0, 3).map((t) => `${Math.round(t.duration)}ms@${Math.round(t.start)}(${t.name}${t.container ? `/${t.container}` : ''})`);
  return { idle, idleShare, run: summarize(tasks, seconds), streamShare, cpuShare, cpuMax, cpuMaxWall: top?.wallMs ?? Number.NaN, probeCpu, seconds, worst, statuses, updates };
}

async function main(): Promise<void> {
  const root = harness.ROOT;
  if (!existsSync(join(root, 'dist', 'extension.js')) || !existsSync(join(root, 'dist', 'webview.js'))) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'ignore' });
  }
  const base = mkdtempSync(join(tmpdir(), 'pairwise-bench-render-'));
  const mocks = await helpers.startMocks();
  let host: Host | undefined;
  try {
    const workspace = helpers.makeGitRepo(base);
    host = await harness.startHost({ workspace, settings: { 'workbench.colorTheme': 'Default Dark Modern', ...helpers.mockSettings(mocks.urls) } });
    const { page } = await host.openPage();
    // Warm up: open the panel on the sample (loads the bundle, markdown-it and the fonts) and arm the observer.
    await harness.runCommand(page, 'Pairwise: Open Sample Comparison');
    await helpers.waitSlotsFinal(page, 60000);
    const frame = await helpers.innerFrame(page);
    await observe(frame);
    // Positive control: an 80 ms busy task in the frame must show up as a long task, or the figures mean nothing
    // (repeated after every round: the observer is still alive in the same document).
    const probeMs = await probe(page, frame);
    kit.measured('probe_longtask_ms (the observer sees an 80 ms task)', probeMs, 70);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const rounds: Round[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      const x = await round(page, frame, cdp, mocks, host.browser, r);
      rounds.push(x);
      console.error(`round ${r}: streamed ${x.seconds.toFixed(1)} s (${x.statuses}), costliest task ${x.cpuMax.toFixed(1)} ms CPU (${x.cpuMaxWall.toFixed(0)} ms wall); longest task ${x.run.maxMs} ms wall (${x.run.count} over 50 ms); idle before: longest ${x.idle.maxMs} ms`);
      kit.measured(`round ${r} stream_s`, x.seconds, STREAM_S * 0.7);
    }
    const maxes = rounds.map((x) => x.run.maxMs);
    const m = median(maxes);
    const shareRatio = median(rounds.map((x) => x.streamShare / Math.max(x.idleShare, 0.001)));
    kit.report('max_longtask_ms', m, '<=50', m <= 50, { rounds: ROUNDS, per_round_max_ms: maxes, idle_max_ms: rounds.map((x) => x.idle.maxMs),
      longtasks_per_round: rounds.map((x) => x.run.count), stream_s: rounds.map((x) => Number(x.seconds.toFixed(1))), streamed_chars_per_round: CHARS * 2,
      deltas_per_s: 2 * TOKENS_PER_S, dom_updates_per_round: rounds.map((x) => x.updates), worst: rounds.map((x) => x.worst[0] ?? '—'), probe_ms: probeMs, quick,
      loadavg_1m: Number(loadavg()[0].toFixed(2)), cpus: cpus().length,
      note: 'median over rounds of the longest task while streaming; each round follows an idle window of the same webview (noise floor)' });
    kit.report('main_thread_busy_ratio_vs_idle', shareRatio, 'report', true, {
      stream_busy_share: rounds.map((x) => Number(x.streamShare.toFixed(3))), idle_busy_share: rounds.map((x) => Number(x.idleShare.toFixed(3))),
      stream_cpu_share: rounds.map((x) => Number(x.cpuShare.toFixed(3))),
      note: 'CDP TaskDuration per wall second of the renderer main thread (workbench + webview), streaming ÷ the idle window before it; median over rounds. stream_cpu_share: CDP ThreadTime (CPU seconds of that thread) per streamed second, which other processes on the machine inflate far less than task wall time' });
    const cpuMaxes = rounds.map((x) => Number(x.cpuMax.toFixed(1)));
    const cm = median(cpuMaxes);
    kit.report('max_task_cpu_ms', cm, '<=50', cm <= 50, { rounds: ROUNDS, per_round_max_cpu_ms: cpuMaxes, its_wall_ms: rounds.map((x) => Math.round(x.cpuMaxWall)),
      probe_cpu_ms: rounds.map((x) => Math.round(x.probeCpu)), cpu_share_while_streaming: rounds.map((x) => Number(x.cpuShare.toFixed(3))), stream_s: rounds.map((x) => Number(x.seconds.toFixed(1))), quick, loadavg_1m: Number(loadavg()[0].toFixed(2)),
      note: 'median over rounds of the costliest task (thread CPU time, Chromium trace) on the renderer main thread that runs the workbench and the webview, while streaming: the work in that task, which other processes on the machine do not inflate (its wall time here: its_wall_ms)' });
  } finally {
    await host?.close();
    await mocks.close();
    rmSync(base, { recursive: true, force: true });
  }
}

kit.run(main);
