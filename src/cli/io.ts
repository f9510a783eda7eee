// What a command may touch of the outside world. main.ts wires the real process; tests inject their own.

/** A writable text sink (process.stdout/stderr, or a test buffer). */
export interface TextSink {
  write(text: string): unknown;
}

/** The CLI's view of its process: streams, environment, terminal, working directory, interruption. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  /** Environment (API keys are read from here by preset.envKey). */
  env: Record<string, string | undefined>;
  /** True when a person is at the terminal (stdin and stderr are TTYs): consent is asked, progress is a bar. */
  isTTY: boolean;
  /** Base for relative paths. */
  cwd: string;
  /** Asks a yes/no question on the terminal; resolves to the typed line. Only used when isTTY. */
  ask?: (question: string) => Promise<string>;
  /** Aborted on Ctrl-C (SIGINT): commands stop cleanly and exit 130. */
  signal?: AbortSignal;
  /** True when stdout is a terminal: whole documents printed there (a prompt, an export) lose their control characters (see terminalText). */
  stdoutIsTTY?: boolean;
  /** Terminal width for the progress bar (default 80). */
  columns?: number;
  /** Clock and record ids of the sessions a command runs (default: the system's; tests fix them). */
  ports?: { now?: () => Date; newId?: (now: Date) => string };
}

/**
 * Text safe for a terminal: control characters other than newline and tab become `?`. Record ids, repo names, raters
 * and provider messages come from results files and servers; raw, they carry escape sequences (retitle the terminal,
 * write the clipboard with OSC 52, erase lines).
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}

/**
 * A whole document (a prompt, an export) as a terminal may show it: line breaks (CRLF too) and tabs kept, every other
 * control character `?`. The document holds repository files and model output verbatim: a terminal would run their
 * escape sequences.
 */
export function terminalText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  return text.replace(/\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '?');
}

/** Writes a line (adds the newline) to a sink, without control characters (see terminalSafe). */
export function line(sink: TextSink, text = ''): void {
  sink.write(`${terminalSafe(text)}\n`);
}

/** Writes a value as pretty JSON plus newline (the --json contract: one JSON document on stdout). */
export function writeJson(sink: TextSink, value: unknown): void {
  // JSON.stringify escapes C0 controls only: DEL, C1 controls (CSI, NEL), line separators and bidi controls from a
  // file name or a server's message are written as \u escapes too (the same JSON, nothing a terminal acts on).
  sink.write(`${JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`);
}
