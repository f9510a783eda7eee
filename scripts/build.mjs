// Builds the bundles (extension, extension implementation, checks worker, PDF worker, webview, cli) plus the integration-test bundle with esbuild.
//   node scripts/build.mjs [--watch] [--tests] [--dev]
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packedRanksPlugin, writePackedRanks } from './packedRanks.mjs';

const args = new Set(process.argv.slice(2));
const dev = args.has('--dev') || args.has('--watch');
const root = new URL('..', import.meta.url).pathname;
const common = { bundle: true, logLevel: 'warning', minify: !dev, sourcemap: dev ? 'inline' : false, legalComments: 'none', charset: 'utf8' };

/** Gives the CLI's ES modules the CommonJS names bundled dependencies expect (require, __filename, __dirname). */
const CLI_ESM_BANNER = ["import { createRequire as __pwRequire } from 'node:module';", "import { fileURLToPath as __pwPath } from 'node:url';",
  "import { dirname as __pwDirname } from 'node:path';", 'const require = __pwRequire(import.meta.url);',
  'const __filename = __pwPath(import.meta.url);', 'const __dirname = __pwDirname(__filename);'].join(' ');

/** dist/cli.js (the `pairwise` bin, CommonJS): imports the CLI's ES module main chunk; dist/cli/ is marked as ESM. */
function writeCliLauncher() {
  writeFileSync(join(root, 'dist/cli/package.json'), '{ "type": "module" }\n');
  writeFileSync(join(root, 'dist/cli.js'), `#!/usr/bin/env node
// The \`pairwise\` CLI: loads its ES modules from cli/ (split per command, each loaded on use).
import('./cli/main.js').catch((e) => { console.error(e); process.exit(1); });
`, { mode: 0o755 });
}

/** Entry points: the extension host and CLI run on Node 22+ (VS Code >= 1.101); the webview in a browser. */
const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node22', external: ['vscode'] },
  // Loaded on the first command (see loadImpl in extension.ts): SDKs, tokenizer, PDF text, all of src/core.
  { ...common, entryPoints: ['src/extension/impl.ts'], outfile: 'dist/extensionImpl.js', platform: 'node', format: 'cjs', target: 'node22', external: ['vscode'], plugins: [packedRanksPlugin] },
  // The CLI: ES modules split per command (src/cli/commandRegistry.ts imports each on use), so `pairwise --help`
  // parses a small main chunk instead of the whole CLI; dist/cli.js is the launcher (see writeCliLauncher).
  { ...common, entryPoints: { main: 'src/cli/main.ts' }, outdir: 'dist/cli', splitting: true, chunkNames: 'chunk-[hash]', platform: 'node',
    format: 'esm', target: 'node22', banner: { js: CLI_ESM_BANNER }, plugins: [packedRanksPlugin] },
  // The objective checks run in a worker thread (src/core/checks/offThread.ts) so the extension host never freezes.
  { ...common, entryPoints: ['src/core/checks/checksWorker.ts'], outfile: 'dist/checksWorker.js', platform: 'node', format: 'cjs', target: 'node22' },
  // git starts from a small host process (src/core/git/gitHost.ts): forking the extension host or a long CLI run for
  // each git call costs tens of ms of CPU in page faults.
  { ...common, entryPoints: ['src/core/git/gitHostMain.ts'], outfile: 'dist/gitHostMain.js', platform: 'node', format: 'cjs', target: 'node22' },
  // A PDF's text is read in a worker thread too (src/core/paper/pdfOffThread.ts), with a deadline and a memory limit:
  // the only bundle that holds PDF.js.
  { ...common, entryPoints: ['src/core/paper/pdfWorker.ts'], outfile: 'dist/pdfWorker.js', platform: 'node', format: 'cjs', target: 'node22' },
  // One browser bundle for both webviews (compare, dashboard): they share DOMPurify and the messenger.
  { ...common, entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'chrome120' },
];
if (args.has('--tests')) {
  const dir = join(root, 'test/integration');
  const entries = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join('test/integration', f));
  builds.push({ ...common, minify: false, sourcemap: 'inline', entryPoints: entries, outdir: 'out/test/integration', platform: 'node', format: 'cjs', target: 'node22', external: ['vscode', 'mocha'] });
}

/** Copies the codicon font and stylesheet next to the webview bundle. */
function copyAssets() {
  const src = join(root, 'node_modules/@vscode/codicons/dist');
  mkdirSync(join(root, 'dist/codicons'), { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) cpSync(join(src, f), join(root, 'dist/codicons', f));
}

process.chdir(root);
if (!args.has('--watch')) rmSync(join(root, 'dist'), { recursive: true, force: true });
copyAssets();
await writePackedRanks(join(root, 'dist'));
if (args.has('--watch')) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  mkdirSync(join(root, 'dist/cli'), { recursive: true });
  writeCliLauncher();
  console.log('esbuild: watching');
} else {
  const t0 = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  writeCliLauncher();
  console.log(`esbuild: ${builds.length} bundles in ${Date.now() - t0} ms`);
}
