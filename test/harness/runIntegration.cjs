#!/usr/bin/env node
// Entry point of the integration suite: @vscode/test-electron's runTests. Where desktop VS Code can be
// downloaded set PAIRWISE_TEST_ONLINE=1 for the normal path; offline (the default here) the
// vscodeExecutablePath is our shim, which runs the suite in the VS Code 1.139 server's extension host.
'use strict';
const path = require('node:path'), fs = require('node:fs'), os = require('node:os');
const { execFileSync } = require('node:child_process');
const { runTests } = require('@vscode/test-electron');

const root = path.resolve(__dirname, '../..');
/** A small git repo the tests open as the workspace. */
function makeWorkspace() {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-ws-'));
  fs.writeFileSync(path.join(ws, 'README.md'), '# sample repo\n\nA tiny package used by the integration tests.\n');
  fs.mkdirSync(path.join(ws, 'src'));
  fs.writeFileSync(path.join(ws, 'src', 'attention.py'), 'def attention(q, k, v):\n    """Scaled dot-product attention."""\n    return q @ k.T @ v\n');
  const git = (...a) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...a], { cwd: ws, stdio: 'ignore' });
  git('init', '-q'); git('add', '-A'); git('commit', '-qm', 'init');
  return ws;
}

(async () => {
  const ws = process.env.PAIRWISE_TEST_WORKSPACE || makeWorkspace();
  try {
    await runTests({
      vscodeExecutablePath: process.env.PAIRWISE_TEST_ONLINE ? undefined : path.join(__dirname, 'vscode-shim.sh'),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/test/integration/index.js'),
      launchArgs: [ws, '--disable-extensions'],
      extensionTestsEnv: { PAIRWISE_TEST: '1', PAIRWISE_TEST_WORKSPACE: ws },
    });
    process.exitCode = 0;
  } catch (e) {
    console.error(`integration: ${e.message || e}`);
    process.exitCode = typeof e.code === 'number' ? e.code : 1;
  } finally {
    if (!process.env.PAIRWISE_TEST_WORKSPACE) fs.rmSync(ws, { recursive: true, force: true });
  }
})();
