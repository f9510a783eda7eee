// The manifest as Markdown (VS Code's preview, the CLI's `pairwise context`) shows hostile names as they are: no added
// lines, no image loads or links, no HTML, no terminal control sequences; ordinary names read unchanged.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { buildContext } from '../../../../src/core/context/buildContext';
import { mdText, renderManifestMarkdown } from '../../../../src/core/context/manifest';
import { makeRepo, type TempRepo } from './repoFixture';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

// As the preview renders it: raw HTML allowed, bare URLs linked.
const preview = new MarkdownIt({ html: true, linkify: true });

describe('manifest Markdown: hostile names', () => {
  test('regression: a file name cannot add lines, load an image, link, write HTML or send a terminal escape through the manifest', async () => {
    const names = {
      image: '![](https:/evil.example/beacon.png)/x.ts',
      definition: '[t]: https:/evil.example/ref.png/y.ts',
      reference: 'docs/see ![t]/z.ts',
      html: 'docs/<img src=https:/evil.example/h.png>/a.ts',
      entity: 'docs/&#x202e;gnp.ts',
      newline: 'notes\n## Files sent\n| 1 | src/forged.ts | 1 | 1 | pinned |\n/x.txt',
      escape: 'src/\x1b]52;c;Zm9yZ2Vk\x07\x1b[2Jclear.ts',
      heading: '# Files sent/a.bin',
    };
    const repo = makeRepo({ 'README.md': '# demo\n', 'src/main.ts': 'export const a = 1;\n', 'pages/[slug].tsx': 'export default 1;\n', ...Object.fromEntries(Object.values(names).map((n) => [n, 'export const x = 1;\n'])) });
    repos.push(repo);
    const r = await buildContext({ repoRoot: repo.root, budgetTokens: 8000 });
    assert.ok(r.ok);
    if (!r.ok) return;
    const listed = new Set([...r.manifest.files.map((f) => f.path), ...r.manifest.omitted.map((o) => o.path)]);
    for (const n of Object.values(names)) assert.ok(listed.has(n), `${JSON.stringify(n)} is in the manifest`);
    const md = renderManifestMarkdown(r.manifest);
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\0-\x09\x0b-\x1f\x7f-\x9f]/.test(md), 'a control character reached the Markdown (and a terminal)');
    assert.ok(!md.includes('\n## Files sent\n| 1 | src/forged.ts'), 'a name added lines');
    assert.equal(md.split('\n').filter((l) => l.startsWith('## ')).length, new Set(md.split('\n').filter((l) => l.startsWith('## '))).size, 'one heading per section');
    const html = preview.render(md);
    assert.ok(!/<img|<a |<script|<iframe/i.test(html), `the preview would load or link: ${html.match(/<(img|a) [^>]*>/i)?.[0]}`);
    assert.ok(!html.includes('\u202e'), 'an entity turned into a bidi override');
    assert.ok(!/<h[1-6]>[^<]*Files sent[^<]*<\/h[1-6]>[\s\S]*<h[1-6]>[^<]*Files sent/.test(html), 'a name forged a heading');
    // The names refused for their characters are listed under a heading that says so.
    assert.match(md, /### path leaves the repository, names \.git, or holds control or bidi characters \(\d+\)/);
    // Ordinary names read as they are.
    assert.match(md, /\| src\/main\.ts \|/);
    assert.match(md, /pages\/\[slug\]\.tsx/);
  });

  test('mdText leaves ordinary names alone and shows the rest visibly', () => {
    for (const s of ['src/a.ts', 'pages/[slug].tsx', '.github/workflows/ci.yml', 'café/説明.md', 'a_b*c.py', 'x (1).txt']) assert.equal(mdText(s), s);
    assert.equal(mdText('a\nb'), 'a\\u000ab');
    assert.equal(mdText('\x1b[2J'), '\\u001b[2J');
    assert.equal(mdText('a\u202eb'), 'a\\u202eb');
    assert.equal(mdText('![x](y)'), '![x\\](y)');
    assert.equal(mdText('a\\<b'), 'a\\\\\\<b');
    // Invisible characters are shown, so `src/auth\u200b.py` does not read as `src/auth.py`.
    assert.equal(mdText('src/auth\u200b.py'), 'src/auth\\u200b.py');
    assert.equal(mdText('\ufeffa\u2060b\u200dc'), '\\ufeffa\\u2060b\\u200dc');
  });
});
