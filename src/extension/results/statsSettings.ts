import * as vscode from 'vscode';
import type { StatsOptions } from '../../core/stats/computeStats';
import { CORRECT_CHECKS, type CorrectCheck } from '../../core/stats/serving';

/** The dashboard's statistics options from `pairwise.equivalenceMargin` and `pairwise.serving.*` (bad values fall back to defaults). */
export function statsSettings(): StatsOptions {
  const c = vscode.workspace.getConfiguration('pairwise');
  const o: StatsOptions = {};
  const m = c.get<number>('equivalenceMargin');
  if (typeof m === 'number' && m > 0 && m < 0.5) o.equivalenceMargin = m;
  const t = c.get<unknown>('serving.ttftThresholdsSeconds');
  if (Array.isArray(t) && t.length > 0 && t.every((x) => typeof x === 'number' && x > 0)) o.ttftThresholdsMs = (t as number[]).map((x) => x * 1000);
  const k = c.get<string>('serving.correctCheck');
  if (k && (CORRECT_CHECKS as readonly string[]).includes(k)) o.correctCheck = k as CorrectCheck;
  return o;
}
