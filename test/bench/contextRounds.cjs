// The context bench's measured rounds, in a plain Node process (no TypeScript loader in it): the shipped build of
// buildContext (an esbuild bundle made like dist/'s) against the floor (git ls-files + reading the files the build kept),
// against reading every file it opens, and against a lean reader (one reused buffer, no allocation per file). Wall and
// CPU time (user + system, every thread of this process) per run, printed as one JSON object; with each run, the CPU time
// the git host process used meanwhile (Pairwise starts git from it: see src/core/git/gitHost.ts), which the bench adds.
//
// Steady state: in each round every side runs SETTLE + KEEP times in a row (the sides' order reversed every other
// round) and only its last KEEP runs count. A run's CPU time includes collecting the garbage left before it: right after
// another side, that is the other side's (the floor leaves ~60 MB of file buffers, whose freeing then lands in the
// build's run); after itself, its own. The settling runs are kept apart (`settle`) so the bench can print both.
// The same build with a paper-sized query (`paper`: a 40-term query searches the same text as a 7-term brief, with
// more matches to count) runs as a side of its own.
//   node contextRounds.cjs <input.json>   input: { bundle, root, kept[], opened[], runs, brief, prefixHash, paper, paperPrefixHash }
'use strict';
const { execFileSync } = require('node:child_process');
const { closeSync, fstatSync, openSync, readFileSync, readSync } = require('node:fs');
const { join } = require('node:path');

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { buildContext, gitHostPid, useGitHost } = require(input.bundle);

/** CPU milliseconds the git host process has used so far (every thread; /proc counts in ticks of 10 ms), 0 without one. */
function hostCpu() {
  const pid = gitHostPid();
  if (pid === undefined) return 0;
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

/** Wall and CPU milliseconds of fn, and the CPU milliseconds the git host used meanwhile (host). */
async function timed(fn) {
  const h0 = hostCpu();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000, host: hostCpu() - h0 };
}

const SETTLE = 1;
const KEEP = 2;

function lsFiles() {
  execFileSync('git', ['-c', 'core.fsmonitor=false', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: input.root, env: GIT_ENV, maxBuffer: 1 << 28 });
}

/** git ls-files, then every listed file read whole. */
function readFiles(files) {
  lsFiles();
  let bytes = 0;
  for (const p of files) bytes += readFileSync(join(input.root, p)).length;
  return bytes;
}

let leanBuf = Buffer.allocUnsafe(1 << 16);
/** git ls-files, then every listed file read whole into one reused buffer (open, fstat, read, close; no buffer per file). */
function readLean(files) {
  lsFiles();
  let bytes = 0;
  for (const p of files) {
    const fd = openSync(join(input.root, p), 'r');
    try {
      const size = fstatSync(fd).size;
      if (leanBuf.length < size) leanBuf = Buffer.allocUnsafe(size);
      let off = 0;
      while (off < size) {
        const n = readSync(fd, leanBuf, off, size - off, off);
        if (n === 0) break;
        off += n;
      }
      bytes += off;
    } finally {
      closeSync(fd);
    }
  }
  return bytes;
}

/** One context build for a paper, checked to give the prompt prefix the TypeScript build gave (else `failure`). */
async function buildAs(paper, prefixHash, failure) {
  const r = await buildContext({ repoRoot: input.root, paper });
  if (!r.ok || r.prompt.prefixHash !== prefixHash) throw new Error(failure);
}

async function main() {
  // As in the extension host (hundreds of MB, above the host's threshold): git starts from the git host.
  useGitHost(true);
  // Warm-up: one build and one read of each kind (modules loaded, page cache warm).
  await buildAs(input.brief, input.prefixHash, 'the bundled build does not give the same prompt');
  await buildAs(input.paper, input.paperPrefixHash, 'the bundled build does not give the same prompt for the paper');
  readFiles(input.kept);
  readFiles(input.opened);
  readLean(input.kept);
  const steps = {
    floor: () => timed(() => readFiles(input.kept)),
    ours: () => timed(() => buildAs(input.brief, input.prefixHash, 'context build is not deterministic')),
    paper: () => timed(() => buildAs(input.paper, input.paperPrefixHash, 'context build is not deterministic (paper)')),
    // The brief's build with git started from this process, as before the git host (see gitHost.ts).
    local: async () => {
      useGitHost(false);
      try {
        return await timed(() => buildAs(input.brief, input.prefixHash, 'context build is not deterministic (git in process)'));
      } finally {
        useGitHost(true);
      }
    },
    readAll: () => timed(() => readFiles(input.opened)),
    lean: () => timed(() => readLean(input.kept)),
  };
  const out = { floor: [], ours: [], paper: [], readAll: [], lean: [], local: [], settle: { floor: [], ours: [], paper: [], readAll: [], lean: [], local: [] } };
  const keys = Object.keys(steps);
  for (let r = 0; r < input.runs; r++) {
    for (const k of r % 2 ? [...keys].reverse() : keys) {
      for (let j = 0; j < SETTLE + KEEP; j++) (j < SETTLE ? out.settle[k] : out[k]).push(await steps[k]());
    }
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
