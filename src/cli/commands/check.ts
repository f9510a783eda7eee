// `pairwise check`: parse a saved draft and run the objective checks against a repo.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MAX_CHECK_CHARS } from '../../core/checks/checkBudget';
import { runChecksOffThread } from '../../core/checks/offThread';
import { parseAnswer } from '../../core/prompt/parseAnswer';
import { flag, str } from '../args';
import { failure, usageError, type CliCommand } from '../command';
import { EXIT } from '../exitCodes';
import { line, writeJson } from '../io';

/** The check command. */
export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'run the grounding / patch / stub checks on a saved draft against a repo',
  help: `Usage: pairwise check --repo PATH --draft FILE [--commit REV] [--json]

Parses the draft (the ===ROUTE=== / ===TITLE=== / ===BODY=== / ===PATCH=== / ===REASON=== answer format)
and checks it against the repository at REV (default HEAD): cited files, lines, symbols and modules exist;
the patch is safe and applies (in a temporary worktree, never your working tree); stubs; unused modules.
  --json   print {draft: {route, title, warnings}, report} (the full check report) as JSON
Exit: 0 when the checks ran (whatever they found), 1 when they could not run.
`,
  options: { repo: { type: 'string' }, draft: { type: 'string' }, commit: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const draftFile = str(args, 'draft');
    if (!draftFile) return usageError(io, 'check', '--draft FILE is required.');
    let text: string;
    // A file certainly over the checks' size limit is refused before it is read (4 bytes per character at most).
    const size = await stat(resolve(io.cwd, draftFile)).then((s) => s.size, () => 0);
    if (size > 4 * MAX_CHECK_CHARS) return failure(io, 'check', `${draftFile} is ${Math.round(size / (1024 * 1024))} MB; the checks read drafts up to ${MAX_CHECK_CHARS / (1024 * 1024)} MB.`);
    try { text = await readFile(resolve(io.cwd, draftFile), 'utf8'); } catch (e) { return failure(io, 'check', `Could not read ${draftFile}: ${(e as Error).message}`); }
    const d = parseAnswer(text);
    const commit = str(args, 'commit');
    const report = await runChecksOffThread({ repoRoot: resolve(io.cwd, str(args, 'repo') ?? '.'), ...(commit ? { commit } : {}), signal: io.signal,
      draft: { route: d.route, title: d.title, body: d.body, ...(d.patch ? { patch: d.patch } : {}) } });
    if (flag(args, 'json')) writeJson(io.stdout, { draft: { route: d.route, title: d.title, warnings: d.warnings }, report });
    else {
      line(io.stdout, `route ${d.route.toUpperCase()}${d.title ? ` · ${d.title}` : ''}`);
      for (const w of d.warnings) line(io.stdout, `  parse warning: ${w}`);
      for (const b of report.badges) line(io.stdout, `  ${b.level === 'ok' ? '✓' : b.level === 'warn' ? '!' : '✗'} ${b.label}${b.detail ? `\n      ${b.detail.replace(/\n/g, '\n      ')}` : ''}`);
      if (report.badges.length === 0) line(io.stdout, '  nothing to check');
    }
    if (report.error) return failure(io, 'check', report.error);
    return EXIT.ok;
  },
};
