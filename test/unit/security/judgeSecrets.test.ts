// The judge is a third host: what it is sent is scanned like what the sides are sent. When the sides' exact prefix is
// not reused (too large for the judge's budget, or not kept), the judge gets a summary plus the paper rendered afresh:
// that paper (a local file, a brief) and the titles in the summary and the judge's instructions are scanned too.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeComparison } from '../../../src/core/judge/judgeComparison';
import type { ContextManifest } from '../../../src/core/context/types';
import type { Paper } from '../../../src/core/paper/types';
import { scenarios, startMockProvider } from '../../fakes/mockProviders';
import { FAST, sideFor } from '../core/run/pairHarness';
import { resultsWith } from '../core/judge/judgeFixture';

const AKIA = 'AKIAQ3EGRTW7ZPLMN4VB';
const GHP = 'ghp_R8nT2kLw9QxZ4vBm7YcJ1pHs6DfG3aEu5NoK';
const paper: Paper = { source: 'text', id: 'notes.md', title: `Rotating ${GHP} safely`, authors: [], abstract: 'How to rotate keys.', format: 'md', hash: 'h', warnings: [],
  text: `# Rotating keys\n\nOur staging box still uses\n\naws_access_key_id = ${AKIA}\ngithub_token = "${GHP}"\n\nThe method: rotate weekly.\n` };

describe('what the judge is sent is secret-scanned', () => {
  test('regression: a summary context (no stored prefix): the paper, the manifest summary and the instructions carry no secret', async () => {
    const mock = await startMockProvider({ kind: 'openai', scenario: scenarios.judge('longer') });
    const fx = await resultsWith([{ id: 'c1', a: 'Short draft.', b: 'A longer draft with more words in it.' }]);
    try {
      const comparison = { ...fx.records[0], paper: { id: 'notes.md', title: paper.title } };
      const manifest = { schema: 'pairwise-manifest/1', repoName: 'demo', mode: 'pin', budgetTokens: 60000, files: [], omitted: [], redactions: [],
        repoMap: { paths: 0, shownPaths: 0, tokens: 0, truncated: false }, papers: [{ id: 'notes.md', title: paper.title, source: 'text', hash: 'h', tokens: 10, omittedSections: [] }],
        totals: { files: 0, bytes: 0, tokens: 0 }, providerTokenEstimate: {}, promptTemplateVersion: 'x', prefixHash: 'p', manifestHash: 'm' } as unknown as ContextManifest;
      const r = await judgeComparison({ comparison, store: fx.store, judge: sideFor(mock, 'glm-4.6'), context: { paper, manifest }, options: FAST });
      assert.ok(r.ok);
      assert.equal(mock.requests.length, 2, 'both orders were sent');
      for (const q of mock.requests) {
        assert.ok(q.body.includes('rotate weekly'), 'the paper is there');
        assert.ok(!q.body.includes(AKIA) && !q.body.includes(GHP), 'no secret reaches the judge');
        assert.match(q.body, /\[redacted: /);
      }
    } finally { await fx.cleanup(); await mock.close(); }
  });
});
