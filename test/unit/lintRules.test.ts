import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });
const fixture = (name: string) => readFileSync(join(root, 'test/fixtures/lint', name), 'utf8');

/** Lints fixture text as if it lived at `asPath` and returns the restricted-import messages. */
async function restricted(name: string, asPath: string): Promise<string[]> {
  const [result] = await eslint.lintText(fixture(name), { filePath: join(root, asPath) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

test('vscode import is rejected in src/core', async () => {
  const msgs = await restricted('imports-vscode.ts', 'src/core/context/bad.ts');
  assert.equal(msgs.length, 1);
  assert.match(msgs[0], /vscode may be imported only under src\/extension/);
});

test('vscode import is rejected in src/cli and webview, allowed in src/extension', async () => {
  assert.equal((await restricted('imports-vscode.ts', 'src/cli/bad.ts')).length, 1);
  assert.equal((await restricted('imports-vscode.ts', 'webview/compare/bad.ts')).length, 1);
  assert.deepEqual(await restricted('imports-vscode.ts', 'src/extension/ok.ts'), []);
});

test('Node built-ins are rejected in webview, allowed in src/core', async () => {
  const msgs = await restricted('imports-node-fs.ts', 'webview/compare/bad.ts');
  assert.equal(msgs.length, 1);
  assert.match(msgs[0], /no Node built-ins/);
  assert.deepEqual(await restricted('imports-node-fs.ts', 'src/core/context/ok.ts'), []);
});

test('src/core may not import src/extension or webview', async () => {
  const ext = await restricted('imports-extension.ts', 'src/core/run/bad.ts');
  assert.equal(ext.length, 1);
  assert.match(ext[0], /src\/core must not import/);
  const web = await restricted('imports-webview.ts', 'src/core/run/bad.ts');
  assert.equal(web.length, 1);
});

test('src/extension and src/cli may import src/shared but never webview/', async () => {
  for (const at of ['src/extension/panels/bad.ts', 'src/cli/bad.ts']) {
    const msgs = await restricted('imports-webview.ts', at);
    assert.equal(msgs.length, 1, at);
    assert.match(msgs[0], /may import src\/shared, never webview/);
  }
  assert.deepEqual(await restricted('imports-shared.ts', 'src/extension/ok.ts'), []);
  assert.deepEqual(await restricted('imports-shared.ts', 'src/cli/ok.ts'), []);
});

test('nothing under src/ imports test/', async () => {
  for (const at of ['src/cli/bad.ts', 'src/core/demo/bad.ts', 'src/extension/bad.ts', 'src/shared/bad.ts']) {
    const msgs = await restricted('imports-test.ts', at);
    assert.equal(msgs.length, 1, at);
    assert.match(msgs[0], /nothing under src\/ imports test\//);
  }
  assert.deepEqual(await restricted('imports-test.ts', 'test/unit/ok.test.ts'), []);
});

test('webview/ imports only src/shared (and its own files)', async () => {
  const msgs = await restricted('imports-core.ts', 'webview/compare/bad.ts');
  assert.equal(msgs.length, 1);
  assert.match(msgs[0], /webview\/ may import only src\/shared/);
  assert.deepEqual(await restricted('imports-shared.ts', 'webview/compare/ok.ts'), []);
});

test('src/shared imports neither src/core nor Node built-ins', async () => {
  assert.equal((await restricted('imports-core.ts', 'src/shared/compare/bad.ts')).length, 1);
  assert.equal((await restricted('imports-node-fs.ts', 'src/shared/compare/bad.ts')).length, 1);
});

test('protocol files import no runtime code from each other in a circle', async () => {
  // messenger is the root of the chain: not even compareProtocol at run time.
  const fromMessenger = await restricted('imports-protocol-runtime.ts', 'src/shared/messenger.ts');
  assert.equal(fromMessenger.length, 1);
  assert.match(fromMessenger[0], /no runtime code from each other in a circle/);
  assert.equal((await restricted('imports-protocol-runtime.ts', 'src/shared/dashboardProtocol.ts')).length, 1);
  assert.equal((await restricted('imports-protocol-runtime.ts', 'src/shared/panelProtocol.ts')).length, 1);
  assert.equal((await restricted('imports-dashboard-protocol-runtime.ts', 'src/shared/compareProtocol.ts')).length, 1);
  // Type-only imports carry no runtime code and stay allowed.
  assert.deepEqual(await restricted('imports-protocol-type.ts', 'src/shared/dashboardProtocol.ts'), []);
});

test('notifications go through src/extension/notify.ts: a direct show*Message call is rejected elsewhere in src/extension', async () => {
  const lint = async (asPath: string) => {
    const [result] = await eslint.lintText(fixture('shows-message.ts'), { filePath: join(root, asPath) });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  };
  const msgs = await lint('src/extension/compare/bad.ts');
  assert.equal(msgs.length, 1);
  assert.match(msgs[0], /notify\.ts/);
  assert.deepEqual(await lint('src/extension/notify.ts'), []);
});

/** Lints fixture text as if it lived at `asPath` and returns the messages of the git-spawn rule. */
async function gitSpawns(name: string, asPath: string): Promise<string[]> {
  const [result] = await eslint.lintText(fixture(name), { filePath: join(root, asPath) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

test('spawning git outside src/core/git is rejected (call, member call, path, template string); allowed in src/core/git', async () => {
  for (const where of ['src/cli/bad.ts', 'src/core/checks/bad.ts', 'src/extension/bad.ts', 'src/extension/notify.ts']) {
    const msgs = await gitSpawns('spawns-git.ts', where);
    assert.equal(msgs.length, 4, where);
    assert.match(msgs[0], /Spawn git only through src\/core\/git\/runGit\.ts/);
  }
  assert.deepEqual(await gitSpawns('spawns-git.ts', 'src/core/git/ok.ts'), []);
});
