// Small builders for the report model's tables (src/shared/reportModel.ts): typed columns and sections.
import type { ReportCellValue, ReportChartRef, ReportColumn, ReportSection, ReportTable } from '../../shared/reportModel';

/** The row's label column (model, pair, rater): left-aligned, the row header on the dashboard. */
export const label = (l: string): ReportColumn => ({ label: l, align: 'left', kind: 'label' });
/** A text column (left-aligned). */
export const text = (l: string): ReportColumn => ({ label: l, align: 'left', kind: 'text' });
/** A figure column (right-aligned, tabular digits). */
export const figure = (l: string): ReportColumn => ({ label: l, align: 'right', kind: 'number' });

/** A table; `notes` qualify it. */
export function table(id: string, title: string, columns: ReportColumn[], rows: ReportCellValue[][], notes: string[] = []): ReportTable {
  return { id, title, columns, rows, notes };
}

/** A section with defaults for the parts it does not use. */
export function section(id: string, title: string, parts: Partial<Omit<ReportSection, 'id' | 'title'>> & { charts?: ReportChartRef[] } = {}): ReportSection {
  return { id, title, lines: [], tables: [], charts: [], explanation: [], ...parts };
}

/** "1 battle" / "3 battles". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
/** "model-a vs model-b". */
export const vs = (m: readonly [string, string]): string => `${m[0]} vs ${m[1]}`;
