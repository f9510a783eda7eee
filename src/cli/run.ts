// Dispatches `pairwise <command> …` to its command; owns help, version and exit-code handling.
import { MissingInstallFile } from '../core/workers/installFiles';
import { parseCommandArgs } from './args';
import { COMMAND_ENTRIES } from './commandRegistry';
import { EXIT } from './exitCodes';
import type { CliIo } from './io';
import { VERSION } from './version';

export { VERSION } from './version';
export type { CliIo } from './io';
export { loadAllCommands } from './commandRegistry';

/** Every subcommand (name and summary; loaded on use), in help order. */
export const COMMANDS = COMMAND_ENTRIES;

/** The top-level help text. */
export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 7) + 2;
  return `pairwise ${VERSION} — compare two LLMs' drafts (PR / Issue / skip) on the same repo + paper

Usage: pairwise <command> [options]      pairwise <command> --help

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}
  ${'version'.padEnd(width)}print the version
  ${'help'.padEnd(width)}show this help (or: pairwise help <command>)

Keys come from environment variables (ANTHROPIC_API_KEY, OPENAI_API_KEY, ZAI_API_KEY, …).
Try it without keys: pairwise batch --demo

Exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error, 3 refused (no consent),
4 partial (some cells or sides failed), 130 interrupted (Ctrl-C).
`;
}

/** Runs the CLI with argv (without node and script) against `io`; resolves to the exit code, never rejects. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const topic = rest[0] ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout.write(topic ? (await topic.load()).help : helpText());
    return EXIT.ok;
  }
  if (name === 'version' || name === '--version' || name === '-v') { io.stdout.write(`${VERSION}\n`); return EXIT.ok; }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`pairwise: unknown command '${name}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')}, version, help.\n`);
    return EXIT.usage;
  }
  let cmd;
  try { cmd = await entry.load(); } catch (e) {
    io.stderr.write(`pairwise ${name}: could not load the command: ${(e as Error).message}\n`);
    return EXIT.failure;
  }
  const parsed = parseCommandArgs(rest, cmd.options, cmd.positionals === true);
  if (!parsed.ok) {
    io.stderr.write(`pairwise ${cmd.name}: ${parsed.error}\nRun 'pairwise ${cmd.name} --help' for usage.\n`);
    return EXIT.usage;
  }
  if (parsed.args.values.help === true) { io.stdout.write(cmd.help); return EXIT.ok; }
  try {
    return await cmd.run(parsed.args, io);
  } catch (e) {
    io.stderr.write(`pairwise ${cmd.name}: ${commandErrorText(e)}\n`);
    return EXIT.failure;
  }
}

/** What a command's uncaught error prints: an incomplete install says what to do (no stack); anything else is unexpected. */
export function commandErrorText(e: unknown): string {
  if (e instanceof MissingInstallFile) return e.message;
  return `unexpected error: ${(e as Error).stack ?? String(e)}`;
}
