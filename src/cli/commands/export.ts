// `pairwise export`: CSV, JSONL, Markdown, LMArena battles or LLM Comparator JSON from a results file.
import { countArena, countTable, describeExportCount, describeNothing, exportArenaCsv, exportArenaJsonl, exportCsv, exportJsonl, exportLlmComparator, exportMarkdown,
  type ExportCount } from '../../core/export';
import { filterRecords, ResultsStore } from '../../core/results';
import { str } from '../args';
import { failure, usageError, type CliCommand } from '../command';
import { EXIT } from '../exitCodes';
import { writeOutput } from '../outputFile';
import { missingInput, readResultsFile, resultsFileFor } from '../resultsInput';
import { filterFromFlags } from './report';

const FORMATS = ['csv', 'jsonl', 'md', 'arena', 'comparator'] as const;

/** The export command. */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export results as csv, jsonl, md, arena (LMArena battles) or comparator (LLM Comparator JSON)',
  help: `Usage: pairwise export --format csv|jsonl|md|arena|comparator [--results FILE] [-o OUT] [filters]

  --format F       csv: one row per comparison (effective verdict); jsonl: raw records;
                   md: the Markdown report; arena: LMArena battles (JSONL, or CSV when OUT ends in .csv);
                   comparator: LLM Comparator JSON for one model pair (drafts read from the saved blobs)
  --pair A,B       comparator: the model pair (preset:model,preset:model); default the most compared pair
  --results FILE   results file (default ./.pairwise/results.jsonl)
  -o, --out OUT    write to OUT instead of stdout
  --repo, --paper, --mode, --since, --until   filters, as in 'pairwise report'
`,
  options: { format: { type: 'string' }, results: { type: 'string' }, out: { type: 'string', short: 'o' }, pair: { type: 'string' },
    repo: { type: 'string' }, paper: { type: 'string' }, mode: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' } },
  async run(args, io) {
    const format = str(args, 'format');
    if (!format || !(FORMATS as readonly string[]).includes(format)) return usageError(io, 'export', `--format must be one of ${FORMATS.join(', ')}.`);
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
    let text: string;
    let count: ExportCount;
    if (format === 'csv') { text = exportCsv(records); count = countTable(records, 'csv'); }
    else if (format === 'jsonl') { text = exportJsonl(records); count = countTable(records, 'jsonl'); }
    else if (format === 'md') { text = exportMarkdown(records); count = countTable(records, 'md'); }
    else if (format === 'arena') {
      count = countArena(records);
      text = out?.toLowerCase().endsWith('.csv') ? exportArenaCsv(records) : exportArenaJsonl(records);
    } else {
      const store = new ResultsStore(file);
      const res = await exportLlmComparator(records, {
        ...(pair ? { pair: pair as [string, string] } : {}), sourcePath: file,
        readDraft: async (runId, hash) => { const b = await store.readBlob(runId, hash); return b.ok ? b.text : null; },
      });
      if (!res.ok) return failure(io, 'export', `${res.error} Nothing written (${describeNothing(res.count)}).`);
      count = res.count;
      text = `${JSON.stringify(res.file, null, 2)}\n`;
    }
    // An export with nothing in it is an error, not an empty file that looks like success.
    if (count.written === 0 && format !== 'md') {
      return failure(io, 'export', `nothing to export from ${file}: ${describeNothing(count)}. No file written.`);
    }
    const w = await writeOutput(io, out, text);
    if (!w.ok) return failure(io, 'export', w.error);
    io.stderr.write(`pairwise export: ${describeExportCount(count, w.path ?? 'stdout')}\n`);
    return EXIT.ok;
  },
};
