import * as vscode from 'vscode';
import { randomInt } from 'node:crypto';
import { SAMPLE } from '../../core/sample/sampleDrafts';
import { replaySample } from '../../core/sample/replay';
import { parseAnswer } from '../../core/prompt/parseAnswer';
import { readSettings } from '../settings';
import { PanelSession } from './panelSession';
import { log } from '../log';
import { showInfo } from '../notify';

/** `Pairwise: Open Sample Comparison`: replays two recorded drafts through the same streaming path and panel, no key needed. */
export async function openSampleComparison(extensionUri: vscode.Uri): Promise<void> {
  const settings = readSettings();
  const ctl = new AbortController();
  const map = { swapped: randomInt(2) === 1 };
  const session = new PanelSession(extensionUri,
    { runId: `sample-${Date.now().toString(36)}`, repo: SAMPLE.repo.name, commit: SAMPLE.repo.commit, paper: `${SAMPLE.paper.title} — ${SAMPLE.label}`, mode: 'pin' },
    map,
    { a: { model: SAMPLE.sides.a.model, provider: SAMPLE.sides.a.preset, label: SAMPLE.sides.a.label },
      b: { model: SAMPLE.sides.b.model, provider: SAMPLE.sides.b.preset, label: SAMPLE.sides.b.label } },
    {
      kind: 'sample', blind: settings.blind,
      onVerdict: async () => {
        void showInfo('Pairwise: this was the sample comparison — your verdict was not recorded. Run "Pairwise: Compare" on your repo to start for real.');
        return { ok: true, value: { savedAt: Date.now() } };
      },
      onCancel: () => ctl.abort(),
    });
  session.panel.onDidDispose(() => ctl.abort());
  log().info('sample comparison: replaying recorded drafts (no model is called)');
  const speed = Number(process.env.PAIRWISE_SAMPLE_SPEED) || 1;
  await replaySample({ speed, signal: ctl.signal, onEvent: (e) => {
    session.onRunEvent(e);
    if (e.type === 'done') session.onParsed(e.side, parseAnswer(e.result.ok ? e.result.text : ''));
  } });
}
