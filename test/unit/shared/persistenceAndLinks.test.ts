import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createCompareViewState } from '../../../src/shared/compare/viewState';
import { COMPARE_TABS, parsePersistedState, isCompareViewState } from '../../../src/shared/compare/savedState';
import { checkLink } from '../../../src/shared/compare/linkPolicy';

describe('parsePersistedState', () => {
  test('round-trips a state and fills UI defaults', () => {
    const view = createCompareViewState({ header: { runId: 'r', repo: 'x', commit: 'c', paper: null, mode: 'selection' } });
    const p = parsePersistedState(JSON.parse(JSON.stringify({ view, ui: { tab: 'diff' } })));
    assert.deepEqual(p, { view, ui: { tab: 'diff', diffLayout: 'split' } });
  });
  test('rejects junk instead of crashing', () => {
    for (const junk of [undefined, null, 1, 'x', {}, { view: {} }, { view: { version: 2 } }, { view: { ...createCompareViewState({ header: null }), slots: {} } }]) {
      assert.equal(parsePersistedState(junk), null);
    }
    assert.ok(isCompareViewState(createCompareViewState({ header: null })));
  });
});

describe('checkLink', () => {
  test('http(s) and mailto only, host in punycode', () => {
    const ok = checkLink('https://exаmple.org/path'); // Cyrillic а
    assert.ok(ok.ok);
    assert.equal(ok.ok && ok.host, 'xn--exmple-4nf.org');
    assert.ok(checkLink('mailto:a@b.org').ok);
    for (const bad of ['javascript:alert(1)', 'vbscript:x', 'data:text/html,x', 'file:///etc/passwd', 'command:workbench.action.terminal.new',
      'vscode://x', '/relative', '#frag', '', 'https://a.org/\u0000x']) {
      assert.equal(checkLink(bad).ok, false, bad);
    }
  });
  test('flags credentials in the URL', () => {
    const r = checkLink('https://user:pw@example.org/');
    assert.ok(r.ok && r.hasCredentials);
  });
});

test('the compare views are one table: every tab it lists survives a reload, anything else falls back', () => {
  const view = createCompareViewState({ header: null });
  assert.deepEqual(COMPARE_TABS.map((t) => t.id), ['rendered', 'raw', 'diff', 'patch']);
  for (const t of COMPARE_TABS) assert.equal(parsePersistedState({ view, ui: { tab: t.id } })?.ui.tab, t.id);
  assert.equal(parsePersistedState({ view, ui: { tab: 'slides' } })?.ui.tab, 'rendered');
});
