// Regression: the definition pattern took any line starting with a keyword's letters for a definition. `function foo`
// was read as the keyword `func` defining `tion`, so no JavaScript or TypeScript function was ever found defining
// a name the paper gives (no "defines" reason, no boost for its block in an excerpt); and `enumerate(x)`,
// `types = …` or `default=…` lines defined names, and showed in the outline as signatures.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildContext } from '../../../../src/core/context/buildContext';
import { definedNames } from '../../../../src/core/context/codeSearch';
import { signatures } from '../../../../src/core/context/repoOutline';
import type { Paper } from '../../../../src/core/paper/types';
import { makeRepo, type TempRepo } from './repoFixture';

const CODE = [
  'function fooBar(x) {}', 'export async function loadPaper() {}', 'function* gen() {}', 'function * star() {}', 'function *bad() {}', 'func (s *Server) Handle() {}',
  'fn main() {}', 'pub(crate) fn inner() {}', 'impl<T> Foo for Bar {}', 'class A {}', 'def real(): pass',
  'enumerate(x)', 'types = [1]', 'default=None', 'classes = []', 'definitely(1)', 'structure = 2', 'model = 3',
].join('\n');

describe('definitions: a keyword must end a word', () => {
  test('regression: JavaScript functions define their names, and calls or assignments define nothing', () => {
    assert.deepEqual(definedNames(CODE), ['fooBar', 'loadPaper', 'gen', 'star', 'bad', 'Handle', 'main', 'inner', 'Foo', 'A', 'real']);
  });

  test('the outline lists declarations only', () => {
    const sigs = signatures(CODE).map((s) => s.replace(/^\s*L\d+: /, ''));
    assert.deepEqual(sigs, ['function fooBar(x)', 'export async function loadPaper()', 'function* gen()', 'function * star()', 'function *bad()', 'func (s *Server) Handle()', 'fn main()', 'pub(crate) fn inner()', 'impl<T> Foo for Bar', 'class A', 'def real(): pass']);
  });

  describe('in a context build', () => {
    let repo: TempRepo;
    before(() => {
      repo = makeRepo({
        'src/cache.js': `export function mergeCache(a, b) {\n  return { ...a, ...b };\n}\n`,
        'src/use.js': `import { mergeCache } from './cache.js';\n${'mergeCache(x, y);\n'.repeat(5)}`,
      }, { git: true });
    });
    after(() => repo.cleanup());

    test('regression: the file whose function the paper names says it defines it', async () => {
      const paper: Paper = { source: 'brief', id: 'brief', title: 'Merge caches', authors: [], abstract: 'Use `mergeCache` for both.', text: 'Call `mergeCache`.', format: 'md', hash: 'h', warnings: [] };
      const r = await buildContext({ repoRoot: repo.root, paper });
      assert.ok(r.ok, r.ok ? '' : r.error);
      const cache = r.manifest.files.find((f) => f.path === 'src/cache.js');
      assert.ok(cache, 'src/cache.js was not sent');
      assert.match(cache.reason, /defines mergeCache/);
      assert.equal(r.manifest.files[0].path, 'src/cache.js', `ranked: ${r.manifest.files.map((f) => `${f.path} (${f.reason})`).join('; ')}`);
    });
  });
});
