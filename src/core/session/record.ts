/** Finishing a comparison: its drafts, patches and manifest as blobs, and the one record both shells write. */
import type { CheckReport } from '../checks/types';
import { summarizeChecksForRecord } from '../checks/checkBadges';
import type { ContextManifest } from '../context/types';
import type { DraftResult, ResolvedSide, SideId } from '../providers/types';
import { picksMatch } from '../prompt/paperPick';
import type { ParsedDraft } from '../prompt/types';
import { SCHEMA_VERSION, type ComparisonRecord } from '../results/schema';
import type { RepoInfo } from './repoInfo';
import type { PreparedRun } from './prepare';
import { toSideRecord } from './sideRecord';

/** Which shell wrote a record (the extension writes none, as before). */
export type RecordSource = 'cli' | 'batch';
/** A comparison record with the shells' optional tags: `cellId` ties batch records to their matrix cell. */
export type SessionRecord = ComparisonRecord & { source?: RecordSource; cellId?: string };

/** What the record says besides the two sides: where, what was sent, how it is shown. */
export interface RecordMeta {
  repo: RepoInfo;
  prepared: Pick<PreparedRun, 'mode' | 'prompt' | 'paper'>;
  /** Whether the verdict is (to be) given blind, and whether sides.b sits on the left. */
  blind: boolean;
  swapped: boolean;
  rater?: string;
  source?: RecordSource;
  cellId?: string;
}

/** The finished sides of a comparison. */
export interface FinishedSides {
  sides: Record<SideId, ResolvedSide>;
  results: Record<SideId, DraftResult>;
  drafts: Partial<Record<SideId, ParsedDraft>>;
  checks: Partial<Record<SideId, CheckReport>>;
}

/** Blob hashes of a comparison. */
export interface RecordBlobs { a: { draftHash?: string; patchHash?: string }; b: { draftHash?: string; patchHash?: string }; manifestHash?: string; prefixBlob?: string }

const SIDES: readonly SideId[] = ['a', 'b'];

/** Builds the pending record (verdict 'pending'); pure. */
export function buildRecord(id: string, time: Date, meta: RecordMeta, f: FinishedSides, blobs: RecordBlobs = { a: {}, b: {} }): SessionRecord {
  const rec: SessionRecord = {
    schema: SCHEMA_VERSION, type: 'comparison', id, time: time.toISOString(), repo: { ...meta.repo }, mode: meta.prepared.mode,
    prompt: { templateVersion: meta.prepared.prompt.templateVersion, prefixHash: meta.prepared.prompt.prefixHash },
    sides: { a: toSideRecord(f.sides.a, f.results.a, f.drafts.a, blobs.a), b: toSideRecord(f.sides.b, f.results.b, f.drafts.b, blobs.b) },
    blind: meta.blind, swapped: meta.swapped, verdict: 'pending',
  };
  if (meta.prepared.paper) rec.paper = { ...meta.prepared.paper };
  if (blobs.manifestHash) rec.manifestHash = blobs.manifestHash;
  if (blobs.prefixBlob) rec.prompt.prefixBlob = blobs.prefixBlob;
  const checks = Object.fromEntries(SIDES.filter((s) => f.checks[s]).map((s) => [s, summarizeChecksForRecord(f.checks[s] as CheckReport)]));
  if (Object.keys(checks).length) rec.checks = checks;
  if (meta.prepared.mode === 'selection' && f.drafts.a?.paperPick && f.drafts.b?.paperPick) {
    rec.selection = { samePaper: picksMatch(f.drafts.a.paperPick, f.drafts.b.paperPick) };
  }
  if (meta.rater) rec.rater = meta.rater;
  if (meta.source) rec.source = meta.source;
  if (meta.cellId) rec.cellId = meta.cellId;
  return rec;
}

/** Where blobs go: the results store. */
export interface BlobSink { saveBlob(runId: string, name: string, text: string): Promise<string> }

/** The prompt prefix as saved for a later judge: system and context blocks, exactly as both sides got them. */
export interface SavedPromptPrefix { system: string; blocks: readonly { kind: string; text: string }[] }

/**
 * Saves each side's draft text (a failed side's partial text too) and patch, the manifest and, when given, the prompt
 * prefix (so a later judge reads what the sides read), under run `id`.
 */
export async function saveRecordBlobs(store: BlobSink, id: string, drafts: FinishedSides['drafts'], manifest: ContextManifest, prefix?: SavedPromptPrefix): Promise<RecordBlobs> {
  const side = async (s: SideId) => {
    const d = drafts[s];
    const out: { draftHash?: string; patchHash?: string } = {};
    if (d?.raw) out.draftHash = await store.saveBlob(id, `draft-${s}.md`, d.raw);
    if (d?.patch) out.patchHash = await store.saveBlob(id, `patch-${s}.diff`, d.patch);
    return out;
  };
  // One after another: the run folder's name index lists blobs in write order, so both shells write the same folder.
  const a = await side('a');
  const b = await side('b');
  const manifestHash = await store.saveBlob(id, 'manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  if (!prefix) return { a, b, manifestHash };
  const prefixBlob = await store.saveBlob(id, 'prompt-prefix.json', `${JSON.stringify({ system: prefix.system, blocks: prefix.blocks.map((k) => ({ kind: k.kind, text: k.text })) })}\n`);
  return { a, b, manifestHash, prefixBlob };
}
