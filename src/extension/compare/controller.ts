import * as vscode from 'vscode';
import { randomInt } from 'node:crypto';
import type { Session, SessionResult } from '../../core/session/session';
import { readRepoInfo } from '../../core/session/repoInfo';
import type { ResolvedSide, SideId } from '../../core/providers/types';
import { ResultsStore } from '../../core/results/resultsStore';
import type { ComparisonRecord } from '../../core/results/schema';
import { readSettings, sideLimits, workspaceRoot } from '../settings';
import { KeyStore } from '../keys';
import { chooseModels, resolveConfiguredSide } from '../models';
import { pinnedPaper, pinPaper, loadPinned, loadPinnedPool } from '../paperPin';
import { openPatchDiff } from '../patchDiff';
import { log } from '../log';
import { PanelSession } from './panelSession';
import { ComparePanel } from '../panels/comparePanel';
import { prepareContext, confirmSend, showManifest } from './contextStep';
import { resultsFile, rubricOf } from './resultsLocation';
import { showError, showWarning, uiText } from '../notify';
import { UNTRUSTED_CONTEXT_MESSAGE } from '../../core/context/trustGate';
import { saveRunVerdict, startCompareRun } from './compareRun';
import { rememberJudgeContext } from '../judge/judgeRun';

/** Options for automation and tests: skip prompts that have already been answered. */
export interface CompareArgs { yes?: boolean }

const untrustedMessage = 'Pairwise never sends anything from an untrusted workspace: the repo could carry settings that redirect data. Trust this folder (Workspaces: Manage Workspace Trust) to compare.';

/** Resolves both sides, asking to choose models or set a key when something is missing. */
async function resolveSides(keys: KeyStore): Promise<Record<SideId, ResolvedSide> | undefined> {
  const s = readSettings();
  if ((!s.sideA || !s.sideB) && !await chooseModels()) return undefined;
  const a = await resolveConfiguredSide('a', keys);
  const b = await resolveConfiguredSide('b', keys);
  for (const [name, r] of [['A', a], ['B', b]] as const) {
    if ('error' in r) { void showError(`Pairwise: side ${name}: ${r.error}`); return undefined; }
    if (r.preset.auth !== 'none' && !r.apiKey) {
      const pick = await showError(`Pairwise: no API key for ${r.preset.label} (side ${name}).`, 'Set API Key');
      if (pick) await vscode.commands.executeCommand('pairwise.setApiKey', { preset: r.preset.id });
      return undefined;
    }
  }
  return { a: a as ResolvedSide, b: b as ResolvedSide };
}

const TEST_CONSENT = 'pairwise.testCommandConsent';
/** The opt-in test run: only with a configured command, a trusted workspace and the user's yes (asked once per command). */
async function testRunConsent(context: vscode.ExtensionContext, command: string): Promise<boolean> {
  if (!command || !vscode.workspace.isTrusted) return false;
  if (context.workspaceState.get<string>(TEST_CONSENT) === command) return true;
  const pick = await showWarning('Pairwise: run your test command on each PR draft?', { modal: true,
    detail: `"${command}" will run in a temporary worktree with the model's patch applied — model-written code will execute on this machine. Your working tree is not touched.` },
    'Run Tests', 'Not Now');
  if (pick !== 'Run Tests') return false;
  await context.workspaceState.update(TEST_CONSENT, command);
  return true;
}

/** `Pairwise: Compare`: pinned paper + chosen models → consent → both streams in the panel → checks → verdict → results file. */
export async function runCompare(context: vscode.ExtensionContext, args?: CompareArgs): Promise<ComparisonRecord | undefined> {
  if (!vscode.workspace.isTrusted) { void showWarning(`Pairwise: ${untrustedMessage}`); return undefined; }
  const root = workspaceRoot();
  if (!root) { void showError('Pairwise: open a folder (a repository) first — Pairwise compares drafts against it.'); return undefined; }
  const keys = new KeyStore(context.secrets);
  const s0 = readSettings();
  if (!s0.sideA || !s0.sideB || !pinnedPaper(context)) ComparePanel.createOrShow(context.extensionUri, { preserveFocus: true, log: (l) => log().info(l) }); // the placeholder explains what is missing; focus stays on the prompts that follow
  const sides = await resolveSides(keys);
  if (!sides) return undefined;
  if (!pinnedPaper(context) && !await pinPaper(context)) return undefined;
  const pin = pinnedPaper(context);
  if (!pin) return undefined;
  const pool = 'pool' in pin ? await loadPinnedPool(context, pin.pool) : undefined;
  const paper = 'input' in pin ? await loadPinned(context, pin.input) : undefined;
  if (!paper && !pool) return undefined;
  const mode = pool ? 'selection' : 'pin';
  const settings = readSettings();
  const prepared = await prepareContext(root, paper, settings.contextBudgetTokens, pool);
  if (!prepared) return undefined;
  if (!await confirmSend(context, prepared, sides, args?.yes === true)) return undefined;

  const allowTestRun = await testRunConsent(context, settings.testCommand);
  const repo = await readRepoInfo(root);
  const store = new ResultsStore(resultsFile(context, root));
  const map = { swapped: settings.blind ? randomInt(2) === 1 : false };
  const ctl = new AbortController();
  let run: Session | undefined;
  const session = new PanelSession(context.extensionUri,
    { runId: 'starting', repo: repo.name, commit: repo.commit?.slice(0, 10) ?? '(not a git repo)', paper: pin.title, mode },
    map,
    { a: { model: sides.a.spec.model, provider: sides.a.preset.label, label: `${sides.a.preset.id}:${sides.a.spec.model}` },
      b: { model: sides.b.spec.model, provider: sides.b.preset.label, label: `${sides.b.preset.id}:${sides.b.spec.model}` } },
    {
      kind: 'run', blind: settings.blind, rubric: rubricOf(settings.rubric),
      onVerdict: async (v) => {
        const r = await saveRunVerdict(run, v);
        if (r.ok) log().info(`verdict ${v.verdict} saved for ${run?.id}`);
        return r;
      },
      onCancel: (side) => run?.cancel(side ?? undefined),
      onRetry: (side) => { if (run) void run.retrySide(side).then(reportRecorded); }, // a retried pair is a new record
      onOpenPatch: async (side, path) => {
        const patch = run?.draft(side)?.patch;
        if (!patch || !repo.commit) return { ok: false, error: { code: 'rejected', message: 'This draft has no patch to open.' } };
        const r = await openPatchDiff(root, repo.commit, patch, path, 'draft');
        return r.opened ? { ok: true, value: { opened: true } } : { ok: false, error: { code: 'rejected', message: r.error ?? 'Could not open the diff.' } };
      },
    });
  session.panel.onDidDispose(() => ctl.abort());

  const sentContext = { prompt: prepared.prompt, ...(paper ? { paper } : {}) };
  /** Logs where the comparison went, or shows why it could not be recorded. */
  function reportRecorded(r: SessionResult): ComparisonRecord | undefined {
    if (r.writeError) { void showError(`Pairwise: ${r.writeError}`); return undefined; }
    if (r.written) {
      log().info(`comparison ${r.record.id} recorded in ${store.file}`);
      rememberJudgeContext(r.record.id, sentContext); // Ask Judge reuses the sides' prefix
      session.panel.judgeAvailable(r.record.id);
    }
    return r.written ? r.record : undefined;
  }

  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Pairwise: comparing', cancellable: true }, async (progress, token) => {
    token.onCancellationRequested(() => ctl.abort());
    progress.report({ message: uiText(`${sides.a.spec.model} vs ${sides.b.spec.model}`) });
    run = startCompareRun({ root, repo, prepared, sides, store, settings, swapped: map.swapped, allowTestRun, limits: sideLimits(settings), signal: ctl.signal, log: (l) => log().info(l) }, session);
    session.panel.setState({ ...session.panel.viewState, header: { ...session.panel.viewState.header!, runId: run.id } });
    const outcome = await run.recorded;
    log().info(`comparison ${run.id}: start gap ${outcome.startGapMs} ms`);
    return reportRecorded(outcome);
  });
}

/** `Pairwise: Preview Context`: the manifest of exactly what would be sent, before anything leaves. */
export async function previewContext(context: vscode.ExtensionContext): Promise<void> {
  if (!vscode.workspace.isTrusted) { void showWarning(`Pairwise: ${UNTRUSTED_CONTEXT_MESSAGE}`); return; } // prepareContext refuses too
  const root = workspaceRoot();
  if (!root) { void showError('Pairwise: open a folder first.'); return; }
  const pin = pinnedPaper(context);
  const paper = pin && 'input' in pin ? await loadPinned(context, pin.input) : undefined;
  const pool = pin && 'pool' in pin ? await loadPinnedPool(context, pin.pool) : undefined;
  const prepared = await prepareContext(root, paper, readSettings().contextBudgetTokens, pool);
  if (prepared) await showManifest(prepared);
}
