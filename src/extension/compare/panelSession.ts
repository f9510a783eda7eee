import * as vscode from 'vscode';
import { createCompareViewState } from '../../shared/compare/viewState';
import type { CompareHeader, CompareViewState, SlotId, SlotIdentity, VerdictSubmission } from '../../shared/compareProtocol';
import type { Result } from '../../shared/messenger';
import type { SideId } from '../../core/providers/types';
import type { RunEvent } from '../../core/run/types';
import type { ParsedDraft } from '../../core/prompt/types';
import type { CheckReport } from '../../core/checks/types';
import { ComparePanel, type SaveVerdictOutcome } from '../panels/comparePanel';
import { RunEventMapper } from './eventMapper';
import { sideOf, slotOf, toModelRatings, toModelVerdict, type SlotMap } from '../../shared/compare/slots';
import { log } from '../log';

/** Identity of a side as revealed after the verdict. */
export type SideIdentity = SlotIdentity & { label: string };

/** What the session does with a saved verdict (model terms); returns when it is on disk. */
export type VerdictSink = (v: { verdict: ReturnType<typeof toModelVerdict>; ratings: Record<string, { a?: number; b?: number }>; notes: string; timeToVerdictMs: number | undefined }) => Promise<Result<{ savedAt: number }>>;

/** Binds one comparison to the compare panel: streams events into slots, collects the verdict, reveals identities. */
export class PanelSession {
  readonly panel: ComparePanel;
  readonly mapper: RunEventMapper;
  private bothFinishedAt: number | undefined;
  private readonly finished = new Set<SideId>();
  private readonly blindNames: string[];

  constructor(extensionUri: vscode.Uri, header: CompareHeader, private readonly map: SlotMap, private readonly identities: Record<SideId, SideIdentity>,
    opts: { kind: 'run' | 'sample'; blind: boolean; rubric?: CompareViewState['rubric']; readOnly?: boolean; onVerdict: VerdictSink;
      onCancel?: (side: SideId | null) => void; onRetry?: (side: SideId) => void; onOpenPatch?: (side: SideId, path: string) => Promise<Result<{ opened: boolean }>> }) {
    this.blindNames = [identities.a.model, identities.b.model, identities.a.provider, identities.b.provider];
    const labels: Record<SlotId, string> = opts.blind ? { left: 'A', right: 'B' }
      : { left: identities[map.swapped ? 'b' : 'a'].label, right: identities[map.swapped ? 'a' : 'b'].label };
    this.panel = ComparePanel.createOrShow(extensionUri, { log: (l) => log().info(l) });
    const state = createCompareViewState({ header, blind: opts.blind, rubric: opts.rubric, readOnly: opts.readOnly, labels,
      maskTerms: opts.blind ? this.blindNames.filter((n) => n.length >= 3) : [] });
    if (!opts.blind) {
      state.revealed = true;
      for (const side of ['a', 'b'] as const) state.slots[slotOf(side, map)].identity = { model: identities[side].model, provider: identities[side].provider };
    }
    this.panel.show({ kind: opts.kind, state, handlers: {
      saveVerdict: (s: VerdictSubmission) => this.save(s, opts.onVerdict),
      cancel: async ({ slot }) => { opts.onCancel?.(slot ? sideOf(slot, map) : null); return { ok: true, value: { accepted: !!opts.onCancel } }; },
      retrySide: async ({ slot }) => { opts.onRetry?.(sideOf(slot, map)); return { ok: true, value: { accepted: !!opts.onRetry } }; },
      openPatchDiff: async ({ slot, path }) => opts.onOpenPatch ? opts.onOpenPatch(sideOf(slot, map), path) : { ok: false, error: { code: 'rejected', message: 'No repository to diff against.' } },
    }, map });
    this.mapper = new RunEventMapper(map, (e) => this.panel.pushEvent(e));
  }

  /** Feeds one run event to the panel. */
  onRunEvent(e: RunEvent): void {
    this.mapper.handle(e);
    if (e.type === 'done' || e.type === 'failed') {
      this.finished.add(e.side);
      if (this.finished.size === 2) this.bothFinishedAt = Date.now();
    }
    if (e.type === 'retrying' || e.type === 'started') { this.finished.delete(e.side); this.bothFinishedAt = undefined; }
  }

  /** Shows a side's parsed route, title and patch. */
  onParsed(side: SideId, d: ParsedDraft): void {
    if (!d.raw.trim()) return; // a side that failed before any output has no draft to badge
    this.panel.pushEvent({ type: 'parsed', slot: slotOf(side, this.map), route: d.route, title: d.title || null, patch: d.patch ?? null });
  }

  /** Shows that a side's checks are running (badges follow). */
  onChecksStart(side: SideId): void {
    this.panel.pushEvent({ type: 'checks', slot: slotOf(side, this.map), checks: [], running: true });
  }

  /** Shows a side's check badges. */
  onChecks(side: SideId, r: CheckReport): void {
    this.panel.pushEvent({ type: 'checks', slot: slotOf(side, this.map), checks: r.badges });
  }

  private async save(s: VerdictSubmission, sink: VerdictSink): Promise<Result<SaveVerdictOutcome>> {
    const ttv = this.bothFinishedAt === undefined ? undefined : Date.now() - this.bothFinishedAt;
    const r = await sink({ verdict: toModelVerdict(s.verdict, this.map), ratings: toModelRatings(s.ratings, this.map), notes: s.notes, timeToVerdictMs: ttv });
    if (!r.ok) return r;
    const reveal = { [slotOf('a', this.map)]: this.identities.a, [slotOf('b', this.map)]: this.identities.b } as Record<SlotId, SideIdentity>;
    return { ok: true, value: { savedAt: r.value.savedAt, reveal } };
  }
}
