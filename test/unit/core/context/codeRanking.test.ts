import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildContext } from '../../../../src/core/context/buildContext';
import { CodeIndex, definedNames } from '../../../../src/core/context/codeSearch';
import { excerptFile } from '../../../../src/core/context/excerpt';
import { importSpecs, personalizedRank, resolveImports } from '../../../../src/core/context/importGraph';
import { buildCodeQuery, splitIdentifier, stem } from '../../../../src/core/context/queryTerms';
import type { Paper } from '../../../../src/core/paper/types';
import { makeRepo, type TempRepo } from './repoFixture';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

const brief = (text: string): Paper => ({ source: 'brief', id: 'brief', title: text.split('\n')[0], authors: [], abstract: '', text, format: 'md', hash: 'h', warnings: [] });

describe('query terms', () => {
  test('identifiers are split (camelCase, snake_case, acronyms) and weigh more than prose', () => {
    assert.deepEqual(splitIdentifier('parseHTTPResponse_v2'), ['parse', 'http', 'response', 'v2']);
    assert.deepEqual(splitIdentifier('_wrap_chunks'), ['wrap', 'chunks']);
    assert.equal(stem('unlinking'), 'unlink');
    assert.equal(stem('parameters'), 'parameter');
    const q = buildCodeQuery([{ source: 'brief', title: 'Rewrite `_wrap_chunks` in `TextWrapper` to be ANSI-aware', abstract: '', text: 'The wrapper counted escape codes as width.' }]);
    const w = new Map(q.terms.map((t) => [t.term, t.weight]));
    assert.ok(q.identifiers.has('_wrap_chunks') && q.identifiers.has('textwrapper'));
    assert.ok((w.get('wrap_chunks') ?? 0) > (w.get('width') ?? 0), JSON.stringify(q.terms));
    assert.ok(w.has('chunk') && w.has('text') && w.has('wrapper'), JSON.stringify(q.terms));
    assert.ok(!w.has('the') && !w.has('as'));
  });
});

describe('code search', () => {
  test('terms match at identifier-part starts only; the file defining a named identifier ranks first', () => {
    const q = buildCodeQuery([{ source: 'brief', title: 'Fix `load_config` when the path has a trailing dot', abstract: '', text: '' }]);
    const idx = new CodeIndex(q);
    idx.add('src/config.py', 'def load_config(path):\n    return open(path)\n', true);
    idx.add('src/uses.py', 'from .config import load_config\nx = load_config("a")\ny = load_config("b")\n', true);
    idx.add('src/other.py', 'def unloadconfigs():\n    xpath = 1\n', true);
    const hits = idx.hits();
    assert.deepEqual(hits.get('src/config.py')!.defines, ['load_config']);
    assert.ok(hits.get('src/config.py')!.score > hits.get('src/uses.py')!.score);
    assert.ok(!hits.has('src/other.py') || !hits.get('src/other.py')!.terms.includes('path'), 'no match inside "xpath"');
    assert.deepEqual(definedNames('pub fn walk(&self) {}\nfunc (c *Command) Execute() error {\nclass Foo:\n  async def bar(self):'), ['walk', 'Execute', 'Foo', 'bar']);
  });

  test('imports resolve (Python relative and dotted, JS relative, Rust mod/use) and PageRank flows to what matched files use', () => {
    const files: Record<string, string> = {
      'pkg/core.py': 'from .utils import helper\nimport pkg.types\n',
      'pkg/utils.py': 'def helper(): pass\n',
      'pkg/types.py': 'class T: pass\n',
      'web/a.ts': "import { b } from './b';\nconst c = require('../lib/c.js');\n",
      'web/b.ts': 'export const b = 1;\n',
      'lib/c.js': 'module.exports = 1;\n',
      'crates/x/src/lib.rs': 'mod walk;\nuse crate::dir::Ignore;\n',
      'crates/x/src/walk.rs': 'pub struct Walk;\n',
      'crates/x/src/dir.rs': 'pub struct Ignore;\n',
    };
    const specs = new Map(Object.entries(files).map(([p, t]) => [p, importSpecs(p, t)]));
    const edges = resolveImports(new Set(Object.keys(files)), specs);
    assert.deepEqual([...edges.get('pkg/core.py')!].sort(), ['pkg/types.py', 'pkg/utils.py']);
    assert.deepEqual([...edges.get('web/a.ts')!].sort(), ['lib/c.js', 'web/b.ts']);
    assert.deepEqual([...edges.get('crates/x/src/lib.rs')!].sort(), ['crates/x/src/dir.rs', 'crates/x/src/walk.rs']);
    const rank = personalizedRank(Object.keys(files), edges, new Map([['pkg/core.py', 10]]));
    assert.ok((rank.get('pkg/utils.py') ?? 0) > 0.1 && (rank.get('pkg/types.py') ?? 0) > 0.1);
    assert.equal(rank.get('web/b.ts') ?? 0, 0, 'no rank without a path from a matched file');
  });

  test('an excerpt keeps the named function whole and marks what it elides', () => {
    const fns = Array.from({ length: 60 }, (_, i) => `def filler_${i}(x):\n${'    x = x + 1\n'.repeat(8)}    return x\n`);
    fns.splice(40, 0, 'def resolve_pager(cmd):\n    """Find the pager command once."""\n    parts = shlex.split(cmd)\n    return parts\n');
    const text = `import shlex\n\n${fns.join('\n')}`;
    const q = buildCodeQuery([{ source: 'brief', title: 'Resolve the pager command once, in `resolve_pager`', abstract: '', text: '' }]);
    const ex = excerptFile(text, q, 1200);
    assert.ok(ex.text.includes('def resolve_pager(cmd):\n    """Find the pager command once."""\n    parts = shlex.split(cmd)\n    return parts'));
    assert.match(ex.text, /⋯ lines \d+-\d+ omitted ⋯/);
    assert.ok(ex.text.startsWith('import shlex'));
    assert.ok(ex.shownLines < ex.totalLines / 2 && ex.text.length <= 1400);
  });
});

describe('buildContext with a query', () => {
  test('source the brief names comes before docs that repeat its words; docs stay within their share; a large file enters in parts', async () => {
    const big = Array.from({ length: 400 }, (_, i) => `def unrelated_${i}(v):\n    return v * ${i} + ${i}\n`);
    big.splice(300, 0, 'def render_progress(bar, pos):\n    """Land the progress bar on its final position."""\n    bar.pos = min(pos, bar.length)\n    return bar.render()\n');
    const files: Record<string, string> = {
      'README.md': `# Tool\n${'The progress bar shows progress. Progress bar position. '.repeat(40)}\n`,
      'docs/progress.md': `# Progress bars\n${'A progress bar renders its position. '.repeat(300)}\n`,
      'docs/more.md': `# More\n${'progress bar final position '.repeat(300)}\n`,
      'src/tool/termui.py': big.join('\n'),
      'src/tool/core.py': 'from .termui import render_progress\n\ndef run(bar):\n    return render_progress(bar, 3)\n',
      'src/tool/other.py': 'def nothing():\n    return 0\n',
      'pyproject.toml': '[project]\nname = "tool"\n',
    };
    const repo = makeRepo(files);
    repos.push(repo);
    const r = await buildContext({ repoRoot: repo.root, paper: brief('Land the progress bar on its final position\n\n`render_progress` stopped one step short.'), budgetTokens: 6000 });
    assert.ok(r.ok, r.ok ? '' : r.error);
    const paths = r.manifest.files.map((f) => f.path);
    assert.equal(paths[0], 'src/tool/termui.py', paths.join());
    const termui = r.manifest.files[0];
    assert.ok(termui.excerpt && termui.excerpt.shownLines < termui.excerpt.totalLines, JSON.stringify(termui));
    assert.match(termui.reason, /^score \d+\.\d\d; defines render_progress; terms: .*; parts: \d+ of \d+ lines$/);
    const text = r.prompt.blocks[0].text;
    assert.ok(text.includes('    bar.pos = min(pos, bar.length)'));
    assert.match(text, /<file path="src\/tool\/termui.py" parts="\d+ of \d+ lines; elided ranges are marked">/);
    assert.ok(paths.indexOf('src/tool/core.py') < paths.indexOf('docs/progress.md') || !paths.includes('docs/progress.md'));
    const docTokens = r.manifest.files.filter((f) => /\.(md|toml)$/.test(f.path)).reduce((s, f) => s + f.tokens, 0);
    assert.ok(docTokens <= 6000 * 0.15 + 1, `docs took ${docTokens} tokens`);
  });

  test('without a paper the structural ranking stays (README and manifest first)', async () => {
    const repo = makeRepo({ 'README.md': '# x\n', 'package.json': '{"name":"x","main":"src/main.ts"}\n', 'src/main.ts': 'export const x = 1;\n', 'src/util/helper.ts': 'export const y = 2;\n' });
    repos.push(repo);
    const r = await buildContext({ repoRoot: repo.root, budgetTokens: 4000 });
    assert.ok(r.ok);
    assert.deepEqual(r.manifest.files.slice(0, 2).map((f) => f.path), ['README.md', 'package.json']);
  });
});

describe('outline of the top files', () => {
  test('signatures with line numbers, nested methods indented, within the budget', async () => {
    const { renderOutline, signatures } = await import('../../../../src/core/context/repoOutline');
    const py = 'import os\n\nclass Pager:\n    def __init__(self, cmd: str) -> None:\n        self.cmd = cmd\n\n    def run(self, text):\n        pass\n\ndef resolve(cmd):\n    return cmd\n';
    assert.deepEqual(signatures(py), ['L3: class Pager', '    L4: def __init__(self, cmd: str) -> None', '    L7: def run(self, text)', 'L10: def resolve(cmd)']);
    assert.deepEqual(signatures('func (c *Command) Execute() error {\n}\npub fn walk(&self, depth: usize) -> Result<()> {\n}\n'), ['L1: func (c *Command) Execute() error', 'L3: pub fn walk(&self, depth: usize) -> Result<()>']);
    const many = Array.from({ length: 30 }, (_, i) => ({ path: `src/m${i}.py`, text: () => py.repeat(5) }));
    const o = renderOutline([{ path: 'README.md', text: () => '# x' }, ...many], 400);
    assert.ok(o.tokens <= 400 && o.files >= 1 && o.files < 30, JSON.stringify({ tokens: o.tokens, files: o.files }));
    assert.match(o.text, /^<outline note="[^"]+">\nsrc\/m0\.py:\nL3: class Pager/);
    assert.ok(!o.text.includes('README.md'));
  });
});
