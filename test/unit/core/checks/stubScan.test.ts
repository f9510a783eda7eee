import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePatch } from '../../../../src/core/checks/patchParse';
import { scanStubs } from '../../../../src/core/checks/stubScan';

function added(path: string, lines: string[]): string {
  return `--- /dev/null\n+++ b/${path}\n@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}\n`;
}

describe('scanStubs', () => {
  test('finds each kind of stub in python', () => {
    const r = scanStubs(parsePatch(added('m.py', [
      'def a():', '    pass', 'def b(): ...', 'def c():', '    raise NotImplementedError', '# TODO: real logic',
      'x = 1  # placeholder value', 'def d():', '    """Doc."""', '    ...',
    ])));
    assert.deepEqual(r.examples.map((e) => e.kind), ['empty function', 'empty function', 'NotImplementedError', 'TODO', 'placeholder']);
    assert.equal(r.count, 6);
    assert.equal(r.perAddedLine, 0.6);
    assert.equal(r.examples[0].line, 2);
  });
  test('finds stubs in TypeScript, including a multi-line empty body', () => {
    const r = scanStubs(parsePatch(added('m.ts', [
      "export function run(): void {}", "const noop = () => {};", "  handle(x: number) {}", "function later() {", "}",
      "throw new Error('not implemented');", "// FIXME later",
    ])));
    assert.equal(r.count, 6, 'run, noop, handle, later, not implemented, FIXME');
    assert.equal(r.examples.length, 5, 'examples are capped');
    assert.deepEqual(r.examples[3], { path: 'm.ts', kind: 'empty function', text: '}', line: 5 });
  });
  test('does not count idioms: except/class pass, HTML placeholder attributes, .pyi ellipses, control flow', () => {
    const py = scanStubs(parsePatch(added('ok.py', ['try:', '    x()', 'except KeyError:', '    pass', 'class MyError(Exception):', '    pass'])));
    assert.equal(py.count, 0);
    const html = scanStubs(parsePatch(added('f.tsx', ['<input placeholder="Name" />', 'input::placeholder { color: red }', 'if (x) {}'])));
    assert.equal(html.count, 0);
    const stub = scanStubs(parsePatch(added('api.pyi', ['def f() -> int:', '    ...'])));
    assert.equal(stub.count, 0, 'every body in a .pyi declaration file is `...` by design');
  });
  test('a clean patch has zero density', () => {
    const r = scanStubs(parsePatch(added('a.py', ['def add(a, b):', '    return a + b'])));
    assert.deepEqual(r, { count: 0, perAddedLine: 0, examples: [] });
  });
});
