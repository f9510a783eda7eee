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
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
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
