// Turns a CheckReport into the short labels shown beside each draft.
import type { CheckBadge, CheckReport, GroundingReport, PatchReport, TestRunReport } from './types';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function groundingBadges(g: GroundingReport, route: string): CheckBadge[] {
  const out: CheckBadge[] = [];
  const judged = g.grounded + g.unverified;
  const extra = g.newInPatch > 0 ? ` (${g.newInPatch} new in the patch)` : '';
  if (judged === 0) {
    if (route === 'pr' || route === 'issue') {
      out.push({ label: g.newInPatch > 0 ? `${g.newInPatch} references new in the patch` : 'no repo references', level: g.newInPatch > 0 ? 'ok' : 'warn',
        detail: g.newInPatch > 0 ? undefined : 'The draft names no file, symbol or module of the repo.' });
    }
  } else {
    const level = g.unverified === 0 ? 'ok' : g.unverified >= 2 && g.grounded / judged < 0.75 ? 'error' : 'warn';
    const list = g.unverifiedList.slice(0, 3).map((u) => `${u.ref}: ${u.reason}`).join('\n');
    out.push({ label: `${g.grounded}/${judged} references verified`, level,
      detail: g.unverified > 0 ? `Not found in the repo:\n${list}${g.unverified > 3 ? `\n… and ${g.unverified - 3} more` : ''}${extra}` : extra.trim() || undefined });
  }
  if (g.emptyClaims.length > 0) {
    const repo = g.emptyClaims.find((c) => c.subject === 'repo');
    const first = repo ?? g.emptyClaims[0];
    out.push({ label: repo ? 'claims repo empty' : `claims ${first.subject} is missing`, level: 'error', detail: `“${first.text}” — but ${first.reason}` });
  }
  return out;
}

function patchBadges(p: PatchReport): CheckBadge[] {
  const out: CheckBadge[] = [];
  if (!p.valid) {
    out.push({ label: 'unsafe patch', level: 'error', detail: p.pathProblems.map((x) => `${x.path || '(patch)'}: ${x.reason}`).join('\n') });
  } else if (p.applies) {
    out.push({ label: 'patch applies', level: 'ok' });
  } else if (p.appliesWithRecount) {
    out.push({ label: 'patch applies after --recount', level: 'warn', detail: 'The hunk headers have wrong line counts; git applies it only with --recount.' });
  } else {
    const ok = p.files.filter((f) => f.applies || f.appliesWithRecount).length;
    out.push({ label: `patch does not apply (${p.files.length - ok}/${p.files.length} files)`, level: 'error', detail: p.applyError });
  }
  if (p.filesTouched > 0) out.push({ label: `+${p.added} −${p.removed} in ${plural(p.filesTouched, 'file')}`, level: 'ok' });
  if (p.deadModules.length > 0) {
    out.push({ label: `${plural(p.deadModules.length, 'unused new module')}`, level: 'warn',
      detail: `Nothing in the patch or the repo refers to: ${p.deadModules.map((d) => d.path).join(', ')}` });
  }
  if (p.stubs.count > 0) {
    out.push({ label: plural(p.stubs.count, 'stub'), level: p.stubs.count >= 3 && p.stubs.perAddedLine >= 0.1 ? 'error' : 'warn',
      detail: p.stubs.examples.map((e) => `${e.path}${e.line ? `:${e.line}` : ''} ${e.kind}: ${e.text}`).join('\n') });
  }
  return out;
}

function testBadge(t: TestRunReport): CheckBadge {
  const secs = t.durationMs !== undefined ? ` in ${(t.durationMs / 1000).toFixed(1)} s` : '';
  switch (t.status) {
    case 'passed': return { label: 'tests pass', level: 'ok', detail: `${t.command}${secs}` };
    case 'failed': return { label: `tests fail (exit ${t.exitCode ?? t.signal})`, level: 'error', detail: t.outputTail?.trim().split('\n').slice(-5).join('\n') };
    case 'timedOut': return { label: 'tests timed out', level: 'error', detail: t.reason };
    case 'cancelled': return { label: 'tests cancelled', level: 'warn' };
    case 'skipped': return { label: 'tests not run', level: 'warn', detail: t.reason };
    default: return { label: 'tests could not run', level: 'error', detail: t.reason };
  }
}

/** The badges for a report, most important first within each area. */
export function buildBadges(r: CheckReport): CheckBadge[] {
  const out: CheckBadge[] = [];
  if (r.error) out.push({ label: 'checks incomplete', level: 'error', detail: r.error });
  if (r.cancelled) out.push({ label: 'checks cancelled', level: 'warn' });
  out.push(...groundingBadges(r.grounding, r.route));
  if (r.patch) out.push(...patchBadges(r.patch));
  else if (r.route === 'pr' && !r.error && !r.cancelled) out.push({ label: 'PR without a patch', level: 'warn' });
  if (r.testRun) out.push(testBadge(r.testRun));
  return out.map((b) => (b.detail === undefined ? { label: b.label, level: b.level } : b));
}

/** Re-exported for callers that import it from here (the public entry is src/core/checks/index.ts). */
export { summarizeChecksForRecord } from './recordSummary';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isBadge = (v: unknown): v is CheckBadge => isObj(v) && typeof v.label === 'string' && (v.level === 'ok' || v.level === 'warn' || v.level === 'error');

/** Badges for stored checks (a past comparison): a full report's own badges, or simple badges rebuilt from the record's compact summary. */
export function badgesFromStoredChecks(stored: unknown): CheckBadge[] {
  if (!isObj(stored)) return [];
  if (Array.isArray(stored.badges)) return stored.badges.filter(isBadge).map((b) => ({ label: b.label, level: b.level, ...(typeof b.detail === 'string' ? { detail: b.detail } : {}) }));
  const out: CheckBadge[] = [];
  const num = (k: string): number | null => (typeof stored[k] === 'number' ? stored[k] as number : null);
  if (stored.error === true) out.push({ label: 'checks incomplete', level: 'error' });
  const grounded = num('grounded'), unverified = num('unverified');
  if (grounded !== null && unverified !== null && grounded + unverified > 0) {
    out.push({ label: `${grounded}/${grounded + unverified} references verified`, level: unverified === 0 ? 'ok' : 'warn' });
  }
  if (stored.patchApplies === true) out.push({ label: 'patch applies', level: 'ok' });
  else if (stored.patchApplies === false) out.push({ label: 'patch does not apply', level: 'error' });
  const stubs = num('stubs'), dead = num('deadModules'), empty = num('emptyClaims');
  if (stubs) out.push({ label: `${stubs} stub${stubs === 1 ? '' : 's'} in the patch`, level: 'warn' });
  if (dead) out.push({ label: `${dead} unused new module${dead === 1 ? '' : 's'}`, level: 'warn' });
  if (empty) out.push({ label: `${empty} empty claim${empty === 1 ? '' : 's'}`, level: 'warn' });
  if (stored.testsPassed === true) out.push({ label: 'tests pass', level: 'ok' });
  else if (stored.testsPassed === false) out.push({ label: 'tests fail', level: 'error' });
  return out;
}
