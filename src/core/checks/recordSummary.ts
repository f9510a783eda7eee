// The compact figures of a CheckReport kept in the results record (ComparisonRecord.checks) for stats.
import type { CheckReport, CheckSummary } from './types';

/** Compact figures of a report for the results record (null = not applicable). */
export function summarizeChecksForRecord(report: CheckReport): CheckSummary {
  const t = report.testRun?.status;
  const s: CheckSummary = {
    grounded: report.grounding.grounded,
    unverified: report.grounding.unverified,
    newInPatch: report.grounding.newInPatch,
    emptyClaims: report.grounding.emptyClaims.length,
    patchApplies: report.patch ? report.patch.valid && report.patch.applies : null,
    stubs: report.patch ? report.patch.stubs.count : null,
    deadModules: report.patch ? report.patch.deadModules.length : null,
    testsPassed: t === 'passed' ? true : t === 'failed' || t === 'timedOut' ? false : null,
  };
  if (report.error) s.error = true;
  return s;
}
