// `pairwise export`: CSV, JSONL, Markdown, LMArena battles or LLM Comparator JSON from a results file.
import { EXPORT_FORMAT_NAMES, emptyExportError, exportFormat, isExportFormat, type ExportFormat } from '../../core/export/formats';
import { describeExportCount } from '../../core/export';
import { filterRecords, ResultsStore } from '../../core/results';
import { str } from '../args';
import { failure, usageError, type CliCommand } from '../command';
import { EXIT } from '../exitCodes';
import { writeOutput } from '../outputFile';
import { missingInput, readResultsFile, resultsFileFor } from '../resultsInput';
import { filterFromFlags } from './report';

/** `--format arena` from before the shared format table: arena-csv when OUT ends in .csv, else arena-jsonl. */
function legacyArena(out: string | undefined): ExportFormat {
  return out?.toLowerCase().endsWith('.csv') ? 'arena-csv' : 'arena-jsonl';
}
const formatHelp = EXPORT_FORMAT_NAMES.map((f) => `                   ${f.padEnd(12)} ${exportFormat(f).detail}`).join('\n');

/** The export command. */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: `export results as ${EXPORT_FORMAT_NAMES.join(', ')}`,
  help: `Usage: pairwise export --format ${EXPORT_FORMAT_NAMES.join('|')} [--results FILE] [-o OUT] [filters]

  --format F       the same formats as the extension's Export command:
${formatHelp}
                   (arena, the older name, still works: arena-csv when OUT ends in .csv, else arena-jsonl)
  --pair A,B       comparator: the model pair (preset:model,preset:model); default the most compared pair
  --judges         arena-jsonl, arena-csv: add the LLM judges' verdicts as battles of their own (default people only)
  --results FILE   results file (default ./.pairwise/results.jsonl)
  -o, --out OUT    write to OUT instead of stdout
  --repo, --paper, --mode, --since, --until   filters, as in 'pairwise report'
`,
  options: { format: { type: 'string' }, results: { type: 'string' }, out: { type: 'string', short: 'o' }, pair: { type: 'string' }, judges: { type: 'boolean' },
    repo: { type: 'string' }, paper: { type: 'string' }, mode: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' } },
  async run(args, io) {
    const given = str(args, 'format');
    const format = given === 'arena' ? legacyArena(str(args, 'out')) : given;
    if (!isExportFormat(format)) return usageError(io, 'export', `--format must be one of ${EXPORT_FORMAT_NAMES.join(', ')}.`);
    const filter = filterFromFlags({ repo: str(args, 'repo'), paper: str(args, 'paper'), mode: str(args, 'mode'), since: str(args, 'since'), until: str(args, 'until') });
    if ('error' in filter) return usageError(io, 'export', filter.error);
    const pairText = str(args, 'pair');
    const pair = pairText?.split(',').map((s) => s.trim());
    if (pair && (pair.length !== 2 || pair.some((p) => !p.includes(':')))) return usageError(io, 'export', '--pair must be two preset:model names separated by a comma.');
    const file = resultsFileFor(io, str(args, 'results'));
    const missing = await missingInput(file);
    if (missing) return failure(io, 'export', missing);
    const records = filterRecords(await readResultsFile(io, file, 'export'), filter);
    const out = str(args, 'out');
    const store = new ResultsStore(file);
    const judges = args.values.judges === true;
    if (judges && !(exportFormat(format).options as readonly string[]).includes('judges')) return usageError(io, 'export', `--judges applies to ${EXPORT_FORMAT_NAMES.filter((f) => (exportFormat(f).options as readonly string[]).includes('judges')).join(', ')} only.`);
    const res = await exportFormat(format).render({ records, sourcePath: file, judges, ...(pair ? { pair: pair as [string, string] } : {}),
      readDraft: async (runId, hash) => { const b = await store.readBlob(runId, hash); return b.ok ? b.text : null; } });
    if (!res.ok) return failure(io, 'export', res.error);
    // An export with nothing in it is an error, not an empty file that looks like success.
    const empty = emptyExportError(format, res, file);
    if (empty) return failure(io, 'export', empty);
    const { text, count } = res;
    const w = await writeOutput(io, out, text);
    if (!w.ok) return failure(io, 'export', w.error);
    io.stderr.write(`pairwise export: ${describeExportCount(count, w.path ?? 'stdout')}\n`);
    return EXIT.ok;
  },
};
