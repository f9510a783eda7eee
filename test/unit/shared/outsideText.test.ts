import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { foldForMatch, hasBidiControl, plainUiText, replaceNormalized, revealBidi } from '../../../src/shared/outsideText';

/** VS Code's notification link syntax (parseLinkedText): `[label](href "title")` with http(s) or command: targets. */
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

describe('plainUiText: outside text in VS Code UI', () => {
  test('a provider error body with [support](command:workbench.action.terminal.new) yields no link and no command URI', () => {
    const body = 'Error 400: quota exceeded. Contact [support](command:workbench.action.terminal.new) or [docs](https://evil.example/x).';
    const out = plainUiText(body);
    assert.equal(out.match(VSCODE_LINK), null, out);
    assert.ok(!/command:\S/i.test(out), out);
    assert.match(out, /\[support\] \(command: workbench\.action\.terminal\.new\)/, 'the words stay readable');
  });

  test('every variant of link syntax is broken: title form, spaces, vscode: and nested brackets', () => {
    for (const s of ['[a](command:x "t")', '[a]  (command:x)', 'see vscode://ms.x/y', 'VSCODE-INSIDERS:foo', '[[a]](command:x?%5B%5D)', '[a](https://x.y)']) {
      const out = plainUiText(s);
      assert.equal(out.match(VSCODE_LINK), null, `${s} -> ${out}`);
      assert.ok(!/\]\(/.test(out) && !/(command|vscode(-insiders)?):\S/i.test(out), `${s} -> ${out}`);
    }
  });

  test('codicons are shown literally and plain text is unchanged', () => {
    assert.ok(!plainUiText('$(check) Approved').includes('$('));
    assert.equal(plainUiText('Pairwise: side A failed: 401 unauthorized (https://api.example.com/v1)'), 'Pairwise: side A failed: 401 unauthorized (https://api.example.com/v1)');
  });

  test('idempotent', () => {
    const s = 'x [a](command:y) $(z) \u202Efdp.exe';
    assert.equal(plainUiText(plainUiText(s)), plainUiText(s));
  });
});

describe('revealBidi: titles, paths and model ids cannot reorder', () => {
  test('a right-to-left override in a title is shown, not obeyed', () => {
    const title = 'report\u202Egnp.exe';
    assert.equal(hasBidiControl(title), true);
    const out = revealBidi(title);
    assert.equal(out, 'report⟦U+202E⟧gnp.exe');
    assert.equal(hasBidiControl(out), false);
  });

  test('every bidi control in the list becomes visible', () => {
    const controls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
    const out = revealBidi(controls.join('x'));
    assert.equal(hasBidiControl(out), false);
    assert.equal(out.split('⟦U+').length - 1, controls.length);
    assert.equal(plainUiText('model \u2067id\u2069').includes('\u2067'), false, 'plainUiText reveals them too');
  });
});

describe('normalized matching', () => {
  test('zero-width characters, look-alike letters and compatibility forms fold to Latin', () => {
    assert.equal(foldForMatch('Clau\u200Dde'), 'Claude');
    assert.equal(foldForMatch('\u0421laude'), 'Claude');
    assert.equal(foldForMatch('Ｃｌａｕｄｅ'), 'Claude');
    assert.equal(foldForMatch('plain ascii'), 'plain ascii');
  });

  test('replaceNormalized replaces the original span, keeping the text around it', () => {
    const r = replaceNormalized('x Cl\u0430u\u200Bde y', /claude/gi, () => '#');
    assert.deepEqual(r, { text: 'x # y', count: 1 });
  });
});
