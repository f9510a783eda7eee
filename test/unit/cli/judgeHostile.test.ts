// Red-team: `pairwise judge --results FILE` on a results file from elsewhere. Record ids, repo names and raters are
// the file's text: printed raw they carry terminal escape sequences (retitle the terminal, OSC 52 clipboard writes,
// hide lines). Every line the CLI prints is stripped of control characters; an id with ../ reads nothing outside
// runs/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { scenarios, startMockProvider, type MockProvider } from '../../fakes/mockProviders';
import { resultsWith } from '../core/judge/judgeFixture';
import { cli } from './cliHarness';

const env = { ANTHROPIC_API_KEY: 'sk-test-0123456789abcdefghijklmnopqrstuv' };
const ESC = '\u001b]52;c;cHduZWQ=\u0007\u001b[2K';

describe('pairwise judge on a hostile results file', () => {
  let mock: MockProvider;
  before(async () => { mock = await startMockProvider({ kind: 'anthropic', scenario: scenarios.judge('longer') }); });
  after(() => mock.close());

  test('ids with escape sequences and ../ : nothing read outside runs/, no control characters printed', async () => {
    const fx = await resultsWith([{ id: 'ok1', a: 'draft one', b: 'draft two' }]);
    try {
      const good = (await fx.store.readAll()).records[0];
      // Same drafts, hostile ids: the blobs exist under runs/ok1/, and a copy sits where ../ would lead.
      const hostile = [`${ESC}evil`, '../ok1', '../../etc'].map((id) => JSON.stringify({ ...good, id }));
      await writeFile(fx.store.file, `${hostile.join('\n')}\n`, { flag: 'a' });
      const before = mock.requests.length;
      const r = await cli(['judge', '--results', fx.store.file, '--judge', 'anthropic:claude-haiku-4-5', '--judge-base-url', mock.url, '--yes'], { env });
      const out = r.stdout + r.stderr;
      // eslint-disable-next-line no-control-regex -- control characters are what must not be printed
      assert.doesNotMatch(out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, `control characters printed: ${JSON.stringify(out)}`);
      assert.match(out, /is not a safe folder name/);
      assert.equal(mock.requests.length - before, 2, 'only the well-formed comparison was sent, in both orders');
    } finally { await fx.cleanup(); }
  });
});
