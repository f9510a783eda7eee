// The shape every subcommand implements, and the shared usage-error helper.
import type { OptionDefs, ParsedArgs } from './args';
import { EXIT } from './exitCodes';
import { terminalSafe, type CliIo } from './io';

/** A `pairwise` subcommand: its flags, help text and body (which returns an exit code). */
export interface CliCommand {
  name: string;
  /** One line for `pairwise help`. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  options: OptionDefs;
  positionals?: boolean;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** Prints a usage error naming the command and returns exit code 2. */
export function usageError(io: CliIo, command: string, message: string): number {
  io.stderr.write(`pairwise ${command}: ${terminalSafe(message)}\nRun 'pairwise ${command} --help' for usage.\n`);
  return EXIT.usage;
}

/** Prints a runtime error and returns exit code 1. */
export function failure(io: CliIo, command: string, message: string): number {
  io.stderr.write(`pairwise ${command}: ${terminalSafe(message)}\n`);
  return EXIT.failure;
}
