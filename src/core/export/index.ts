// Public surface of the export area (CSV, JSONL, Markdown, LMArena battles, LLM Comparator, merge, import).
export { csvField, csvRow, csvDocument, parseCsv, type CsvValue } from './csvFormat';
export { exportCsv, exportJsonl, CSV_COLUMNS } from './exportTable';
export { exportMarkdown } from './markdownExport';
export { toArenaBattles, exportArenaJsonl, exportArenaCsv, importArena, type ArenaBattle, type ArenaWinner, type ArenaImport, type ArenaImportOptions } from './arena';
export { exportLlmComparator, type LlmComparatorFile, type LlmComparatorExample, type LlmComparatorRating, type LlmComparatorOptions, type LlmComparatorResult } from './llmComparator';
export { mergeResultFiles, type MergeResult, type MergeConflict } from './mergeResultFiles';
export { countArena, countTable, describeExportCount, describeNothing, type ExportCount, type ExportSkip } from './exportCount';
