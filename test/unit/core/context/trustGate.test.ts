import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildWhenTrusted, UNTRUSTED_CONTEXT_MESSAGE } from '../../../../src/core/context/trustGate';

const ROOT = join(import.meta.dirname, '../../../..');
/** Every .ts file under a folder. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : n.endsWith('.ts') ? [p] : [];
  });
}

describe('untrusted workspaces never build a context (Preview Context included)', () => {
  test('untrusted: the build is never called and the refusal says how to trust the folder', async () => {
    let built = 0;
    const r = await buildWhenTrusted(false, async () => { built++; return 'context'; });
    assert.deepEqual(r, { ok: false, refusal: UNTRUSTED_CONTEXT_MESSAGE });
    assert.equal(built, 0);
    assert.match(UNTRUSTED_CONTEXT_MESSAGE, /Manage Workspace Trust/);
    assert.deepEqual(await buildWhenTrusted(true, async () => { built++; return 'context'; }), { ok: true, value: 'context' });
    assert.equal(built, 1);
  });

  test('the extension builds a context in one place, behind the gate; Compare and Preview both go through it', () => {
    const files = tsFiles(join(ROOT, 'src/extension'));
    // The extension builds through core/session's prepareRun (which calls buildContext); either name counts.
    const callers = files.filter((f) => /\b(buildContext|prepareRun)\(/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(callers.map((f) => f.slice(ROOT.length + 1)), ['src/extension/compare/contextStep.ts']);
    const step = readFileSync(callers[0], 'utf8');
    const entry = step.indexOf('export async function prepareContext(');
    const gate = step.indexOf('buildWhenTrusted(vscode.workspace.isTrusted', entry);
    const build = step.indexOf('prepareRun(', entry);
    assert.ok(entry >= 0 && gate > entry && gate < step.indexOf('\n}\n', entry), 'prepareContext starts with the trust gate');
    assert.ok(build > gate && !/export async function prepareTrusted/.test(step), 'the ungated builder is not exported');
    const controller = readFileSync(join(ROOT, 'src/extension/compare/controller.ts'), 'utf8');
    const preview = controller.slice(controller.indexOf('export async function previewContext('));
    assert.match(preview.slice(0, 300), /if \(!vscode\.workspace\.isTrusted\)/, 'Preview Context refuses before loading anything');
    assert.doesNotMatch(controller, /\b(buildContext|prepareRun)\(/);
  });
});
