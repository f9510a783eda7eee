// Public surface of the results area (record schema, store, reader, amends, filters, paths).
export * from './schema';
export { validateRecord, type ValidationResult } from './validateRecord';
export { migrate, schemaOf, MIGRATIONS, type Migration, type MigrateResult } from './migrate';
export { parseRecordLine, type ReadProblem, type ProblemKind, type LineParse } from './parseRecordLine';
export { readResults, readResultBatches, readAllResults, corruptPathFor, type ReadEntry, type ReadOptions } from './readResults';
export { readLines, readLineBatches, MAX_LINE_BYTES, type RawLine } from './lineReader';
export { appendLineLocked, appendLinesLocked, lockPathFor, DEFAULT_LOCK, type LockSettings } from './appendLine';
export { saveBlob, readBlob, contentHash, runDirFor, blobPathFor, type BlobRead } from './blobStore';
export { ResultsStore, type ResultsStoreOptions, type AppendResult, type AmendInput } from './resultsStore';
export { foldAmends, foldAmendsDetailed, applyAmends, type EffectiveComparison, type SecondOpinion, type FoldResult } from './foldAmends';
export { foldResultsFile, type FoldedResults, type FoldStreamOptions } from './foldStream';
export { filterRecords, matchesFilter, type RecordFilter } from './filterRecords';
export { resultsPathFor, DEFAULT_RESULTS_RELATIVE, type ResultsLocation, type ResultsPathResult } from './resultsPath';
export { newRecordId } from './recordId';
export { latestPerCell } from './latestPerCell';
