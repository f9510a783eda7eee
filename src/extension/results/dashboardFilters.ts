/** Dashboard filters over the results records: repo, paper, mode, rater and a start date (pure: no vscode). */
import type { DashboardFilters } from '../../shared/dashboardProtocol';
import { filterRecords, type RecordFilter } from '../../core/results/filterRecords';
import { foldAmends, type EffectiveComparison } from '../../core/results/foldAmends';
import type { Mode, ResultRecord } from '../../core/results/schema';

/** The dashboard's filters plus the comparison mode (null = all). */
export type ResultsFilters = DashboardFilters & { mode?: Mode | null };

/** No filter set. */
export function noFilters(): ResultsFilters {
  return { repo: null, paper: null, rater: null, since: null, mode: null };
}

const clean = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** Keeps only known, well-formed fields of filters coming from the webview or a command argument. */
export function normalizeFilters(f: Partial<ResultsFilters> | undefined): ResultsFilters {
  const since = clean(f?.since);
  const mode = f?.mode === 'pin' || f?.mode === 'selection' ? f.mode : null;
  return { repo: clean(f?.repo), paper: clean(f?.paper), rater: clean(f?.rater), since: since && !Number.isNaN(Date.parse(since)) ? since : null, mode };
}

const sorted = (xs: Iterable<string | undefined>): string[] => [...new Set([...xs].filter((x): x is string => !!x))].sort((a, b) => a.localeCompare(b));

/** The values each select offers, from every comparison in the file (so a filter never hides its own options). */
export function filterOptions(comparisons: readonly EffectiveComparison[]): Record<'repo' | 'paper' | 'rater', string[]> {
  return {
    repo: sorted(comparisons.map((c) => c.repo.name)),
    paper: sorted(comparisons.map((c) => c.paper?.title ?? c.paper?.id)),
    rater: sorted(comparisons.flatMap((c) => [c.rater, ...c.secondOpinions.map((o) => o.rater)])),
  };
}

/**
 * Records that pass the filters: comparisons matching repo/paper/mode/since (core filterRecords) whose effective
 * rater — or a second-opinion rater — is the chosen one, with the amends that target them.
 */
export function applyFilters(records: readonly ResultRecord[], f: ResultsFilters): ResultRecord[] {
  const rf: RecordFilter = {};
  if (f.repo) rf.repo = f.repo;
  if (f.paper) rf.paper = f.paper;
  if (f.mode) rf.mode = f.mode;
  if (f.since) rf.since = f.since;
  const kept = filterRecords(records, rf);
  if (!f.rater) return kept;
  const want = f.rater.toLowerCase();
  const ids = new Set(foldAmends(kept)
    .filter((c) => c.rater?.toLowerCase() === want || c.secondOpinions.some((o) => o.rater.toLowerCase() === want)).map((c) => c.id));
  return kept.filter((r) => ids.has(r.type === 'comparison' ? r.id : r.target));
}
