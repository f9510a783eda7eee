import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArxivRef } from '../../../../src/core/paper/paperRef';
import { parseArxivAtom } from '../../../../src/core/paper/arxivAtom';

describe('parseArxivRef', () => {
  test('ids and URLs in every common form', () => {
    assert.deepEqual(parseArxivRef('2602.15763'), { id: '2602.15763' });
    assert.deepEqual(parseArxivRef(' arxiv:2602.15763v1 '), { id: '2602.15763', version: 'v1' });
    assert.deepEqual(parseArxivRef('arXiv:2602.15763V3'), { id: '2602.15763', version: 'v3' });
    assert.deepEqual(parseArxivRef('https://arxiv.org/abs/2602.15763'), { id: '2602.15763' });
    assert.deepEqual(parseArxivRef('https://arxiv.org/pdf/2602.15763v2'), { id: '2602.15763', version: 'v2' });
    assert.deepEqual(parseArxivRef('http://export.arxiv.org/pdf/2602.15763v2.pdf'), { id: '2602.15763', version: 'v2' });
    assert.deepEqual(parseArxivRef('arxiv.org/html/2602.15763v1#S3'), { id: '2602.15763', version: 'v1' });
    assert.deepEqual(parseArxivRef('hep-th/9901001v2'), { id: 'hep-th/9901001', version: 'v2' });
    assert.deepEqual(parseArxivRef('https://arxiv.org/abs/math.AG/0601001'), { id: 'math.AG/0601001' });
  });
  test('non-arXiv input', () => {
    for (const s of ['paper.pdf', '26021.5763', 'https://example.org/abs/2602.15763', 'hello world', '']) assert.equal(parseArxivRef(s), null, s);
  });
});

describe('parseArxivAtom', () => {
  test('reads entries, entities and the API error entry', () => {
    const xml = `<feed><entry><id>http://arxiv.org/abs/2602.15763v2</id><title>A &amp; B:
      <![CDATA[Tokens]]></title><summary> Uses &lt;caches&gt; &#x2014; fast. </summary>
      <author><name>Ada</name></author><author><name>Alan &#39;T&#39;</name></author></entry></feed>`;
    const r = parseArxivAtom(xml);
    assert.ok(r.ok);
    assert.deepEqual(r.entries[0], { id: '2602.15763', version: 'v2', title: 'A & B: Tokens', authors: ['Ada', "Alan 'T'"], abstract: 'Uses <caches> \u2014 fast.' });
    const err = parseArxivAtom('<feed><entry><id>http://arxiv.org/api/errors#bad</id><title>Error</title><summary>incorrect id format</summary></entry></feed>');
    assert.deepEqual(err, { ok: false, error: 'incorrect id format' });
    assert.deepEqual(parseArxivAtom('<feed></feed>'), { ok: true, entries: [] });
  });
});
