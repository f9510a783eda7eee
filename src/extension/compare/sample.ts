import * as vscode from 'vscode';
import { randomInt } from 'node:crypto';
import { SAMPLE } from '../../core/sample/sampleDrafts';
import { prepareSampleRun } from '../../core/sample/sampleRun';
import type { Session, SessionResult } from '../../core/session/session';
import { readSettings, sideLimits } from '../settings';
import { PanelSession } from './panelSession';
import { saveRunVerdict, startCompareRun } from './compareRun';
import { log } from '../log';
import { showError, showInfo } from '../notify';

/**
 * `Pairwise: Open Sample Comparison`: the bundled sample run through the same session as Compare — two demo mock
 * servers on 127.0.0.1 stream the recorded drafts into the panel, the checks run on the sample repo, and the
 * record and the verdict stay in memory. No key, nothing leaves the machine. Resolves once both sides are done.
 */
export async function openSampleComparison(extensionUri: vscode.Uri): Promise<SessionResult | undefined> {
  const settings = readSettings();
  const sample = await prepareSampleRun({ speed: Number(process.env.PAIRWISE_SAMPLE_SPEED) || 1 });
  if (!sample.ok) { void showError(`Pairwise: ${sample.error}`); return undefined; }
  const { root, repo, prepared, sides, store, close } = sample.run;
  const ctl = new AbortController();
  const map = { swapped: settings.blind ? randomInt(2) === 1 : false };
  let run: Session | undefined;
  const session = new PanelSession(extensionUri,
    { runId: 'starting', repo: SAMPLE.repo.name, commit: repo.commit?.slice(0, 10) ?? SAMPLE.repo.commit, paper: `${SAMPLE.paper.title} — ${SAMPLE.label}`, mode: 'pin' },
    map,
    { a: { model: SAMPLE.sides.a.model, provider: SAMPLE.sides.a.preset, label: SAMPLE.sides.a.label },
      b: { model: SAMPLE.sides.b.model, provider: SAMPLE.sides.b.preset, label: SAMPLE.sides.b.label } },
    {
      kind: 'sample', blind: settings.blind,
      onVerdict: async (v) => {
        const r = await saveRunVerdict(run, v);
        if (r.ok) void showInfo('Pairwise: this was the sample comparison — your verdict was not recorded. Run "Pairwise: Compare" on your repo to start for real.');
        return r;
      },
      onCancel: (side) => run?.cancel(side ?? undefined),
    });
  session.panel.onDidDispose(() => ctl.abort());
  log().info('sample comparison: local mock servers replay the recorded drafts (no model is called)');
  try {
    run = startCompareRun({ root, repo, prepared, sides, store, swapped: map.swapped, allowTestRun: false, limits: sideLimits(settings), signal: ctl.signal,
      settings: { ...settings, testCommand: '', warmRepeat: false }, log: (l) => log().info(l) }, session);
    session.panel.setState({ ...session.panel.viewState, header: { ...session.panel.viewState.header!, runId: run.id } });
    return await run.recorded;
  } finally {
    await close();
  }
}
