// Builds the three bundles (extension, webview, cli) plus the integration-test bundle with esbuild.
//   node scripts/build.mjs [--watch] [--tests] [--dev]
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const dev = args.has('--dev') || args.has('--watch');
const root = new URL('..', import.meta.url).pathname;
const common = { bundle: true, logLevel: 'warning', minify: !dev, sourcemap: dev ? 'inline' : false, legalComments: 'none', charset: 'utf8' };

/** Entry points: the extension host and CLI run on Node 22+ (VS Code >= 1.101); the webview in a browser. */
const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node22', external: ['vscode'] },
  // Loaded on the first command (see loadImpl in extension.ts): SDKs, tokenizer, PDF text, all of src/core.
  { ...common, entryPoints: ['src/extension/impl.ts'], outfile: 'dist/extensionImpl.js', platform: 'node', format: 'cjs', target: 'node22', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node22', banner: { js: '#!/usr/bin/env node' } },
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
if (args.has('--watch')) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('esbuild: watching');
} else {
  const t0 = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`esbuild: ${builds.length} bundles in ${Date.now() - t0} ms`);
}
