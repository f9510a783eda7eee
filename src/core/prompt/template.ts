/** The versioned default prompt template; users may override it with a file (see templateLoader). */

/** A prompt template. Placeholders look like {{name}}; see TEMPLATE_PLACEHOLDERS for what each field may use. */
export interface PromptTemplate {
  version: string;
  system: string;
  /** Task for pin mode (one paper). */
  task: string;
  /** Task for selection mode (the model picks one paper from a pool). */
  selectionTask: string;
}

/** Placeholders allowed (and required) in each template field. */
export const TEMPLATE_PLACEHOLDERS: Record<'system' | 'task' | 'selectionTask', { allowed: string[]; required: string[] }> = {
  system: { allowed: [], required: [] },
  task: { allowed: ['repoName', 'paperRef', 'answerFormat'], required: ['answerFormat'] },
  selectionTask: { allowed: ['repoName', 'paperIds', 'answerFormat'], required: ['answerFormat', 'paperIds'] },
};

/** The answer format for pin mode; the parser (parseAnswer) reads exactly these markers. */
export const ANSWER_FORMAT = [
  'Answer in exactly this format, each marker alone on its line, nothing before the first marker:',
  '===ROUTE===',
  'PR, ISSUE or SKIP',
  '===TITLE===',
  'One line: the pull request or issue title (for SKIP, a short label).',
  '===BODY===',
  'Markdown: the pull request description or the issue text (for SKIP, leave empty).',
  '===PATCH===',
  'PR only: a unified diff in `git diff` format, paths relative to the repository root, that applies cleanly to the files shown. Leave empty for ISSUE and SKIP.',
  '===REASON===',
  'Two to four sentences: why this route, citing what in the paper and in the repository supports it.',
].join('\n');

/** The answer format for selection mode: ===PAPER=== comes first. */
export const SELECTION_ANSWER_FORMAT = ANSWER_FORMAT.replace(
  '===ROUTE===',
  '===PAPER===\nThe id of the one paper you picked, exactly as listed, or NONE if no paper fits this repository.\n===ROUTE===',
);

/** The built-in template, version "pairwise-prompt/1". */
export const DEFAULT_TEMPLATE: PromptTemplate = {
  version: 'pairwise-prompt/1',
  system: [
    'You are a senior software engineer who reads research papers and decides, with care, whether one can improve a specific code repository.',
    'You are given a map of the repository, a selection of its files, and one or more papers. Some values in the files were replaced by "[redacted: rule]"; treat those as opaque.',
    'Be concrete and honest: propose only changes you can justify from the paper and the code shown. A well-argued SKIP is better than a speculative change.',
    'A pull request must be small, self-contained and correct against the files shown; an issue must state the idea, the evidence from the paper, where in the code it applies, and open questions.',
  ].join('\n'),
  task: [
    'Task: decide whether {{paperRef}} should lead to a change in the repository {{repoName}}.',
    '- PR: you can write a small, correct patch against the files shown.',
    '- ISSUE: the idea is worth proposing but needs discussion, measurements, or more code than is shown.',
    '- SKIP: the paper does not credibly apply to this repository.',
    'Then write it.',
    '',
    '{{answerFormat}}',
  ].join('\n'),
  selectionTask: [
    'Task: the papers above form a pool ({{paperIds}}). First pick the one paper that could most credibly improve the repository {{repoName}}, or NONE if none fits.',
    'Then, for your pick, decide:',
    '- PR: you can write a small, correct patch against the files shown.',
    '- ISSUE: the idea is worth proposing but needs discussion, measurements, or more code than is shown.',
    '- SKIP: no paper credibly applies (use this with NONE).',
    'Then write it.',
    '',
    '{{answerFormat}}',
  ].join('\n'),
};
