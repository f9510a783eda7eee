import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startFakeArxiv, type FakeArxiv } from '../fakes/fakeArxiv';
import { buildTextPdf } from '../fakes/fakeArxivPdf';

suite('pin paper (arXiv) in the real host', () => {
  let fake: FakeArxiv;
  const cfg = () => vscode.workspace.getConfiguration('pairwise.arxiv');

  suiteSetup(async () => {
    await vscode.extensions.getExtension('pairwise.pairwise')!.activate();
    fake = await startFakeArxiv([{ id: '2602.15763', versions: ['v1'], title: 'Online Softmax for Attention Kernels', authors: ['A. Author'],
      abstract: 'We compute softmax in a single pass with a running maximum.', pages: [['1 Introduction', 'Softmax needs two passes.', '3 Method', 'Keep a running max and rescaled sum.']] }]);
    await cfg().update('apiBase', fake.url, vscode.ConfigurationTarget.Global);
    await cfg().update('pdfBase', fake.url, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await fake?.close().catch(() => undefined);
    await cfg().update('apiBase', undefined, vscode.ConfigurationTarget.Global);
    await cfg().update('pdfBase', undefined, vscode.ConfigurationTarget.Global);
  });

  test('an arXiv id loads from the fake, then from the cache with the fake stopped', async () => {
    const title = await vscode.commands.executeCommand<string>('pairwise.pinPaper', { input: 'arxiv:2602.15763v1' });
    assert.equal(title, 'Online Softmax for Attention Kernels');
    assert.ok(fake.requests.length >= 1, 'the fake arXiv was asked');
    await fake.close();
    const again = await vscode.commands.executeCommand<string>('pairwise.pinPaper', { input: '2602.15763v1' });
    assert.equal(again, 'Online Softmax for Attention Kernels', 'served from the global-storage cache while offline');
  });

  test('a local PDF is read by the PDF reader of the installed bundle (dist/pdfWorker.js, a process of its own)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-int-pdf-'));
    try {
      const file = path.join(dir, 'fused-kernels.pdf');
      fs.writeFileSync(file, buildTextPdf([['Fused Softmax Kernels for Long Contexts', 'Abstract', 'We fuse the softmax into the matmul.']]));
      const title = await vscode.commands.executeCommand<string>('pairwise.pinPaper', { input: file });
      assert.equal(title, 'Fused Softmax Kernels for Long Contexts');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an unknown paper while offline is a clear error naming it, and the pin stays', async () => {
    const r = await vscode.commands.executeCommand<string | undefined>('pairwise.pinPaper', { input: 'arxiv:2999.00001' });
    assert.equal(r, undefined);
  });
});
