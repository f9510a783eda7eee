/** Assembles the BuiltPrompt (system, cacheable blocks, task) and its prefix hash and audit text. */
import { createHash } from 'node:crypto';
import { ANSWER_FORMAT, DEFAULT_TEMPLATE, SELECTION_ANSWER_FORMAT, type PromptTemplate } from './template';
import type { BuiltPrompt, PromptBlock, PromptMode } from './types';

/** Inputs to assemblePrompt; block texts must already be byte-stable (sorted, LF, no timestamps). */
export interface AssembleInput {
  template?: PromptTemplate;
  mode: PromptMode;
  repoName: string;
  repoText: string;
  /** The paper block (pin) or the pool block (selection); omitted when there is no paper. */
  paperText?: string;
  /** Pin mode: how the task refers to the paper, e.g. 'the paper "X" (arXiv:1234.5678v1) above'. */
  paperRef?: string;
  /** Selection mode: the ids of the pool, in block order. */
  paperIds?: string[];
}

/** Normalizes text for the prefix: LF line endings, no BOM, no trailing spaces at line ends of the whole text. */
export function normalizePromptText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Replaces {{name}} placeholders; unknown names are left as written (validated templates have none). */
export function fillPlaceholders(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{\s*([A-Za-z_]\w*)\s*\}\}/g, (m, name: string) => (name in vars ? vars[name] : m));
}

/** sha256 hex over the system prompt and each block (kind and text, NUL-separated). */
export function hashPromptPrefix(system: string, blocks: PromptBlock[]): string {
  const h = createHash('sha256');
  h.update(system);
  for (const b of blocks) h.update(`\u0000${b.kind}\u0000`).update(b.text);
  return h.digest('hex');
}

/** Builds the prompt. The prefix (system + blocks) depends only on its inputs, so it is identical for both providers. */
export function assemblePrompt(input: AssembleInput): BuiltPrompt {
  const template = input.template ?? DEFAULT_TEMPLATE;
  const system = normalizePromptText(template.system);
  const blocks: PromptBlock[] = [{ kind: 'repo', text: normalizePromptText(input.repoText) }];
  if (input.paperText !== undefined) blocks.push({ kind: 'paper', text: normalizePromptText(input.paperText) });
  const task =
    input.mode === 'selection'
      ? fillPlaceholders(template.selectionTask, {
          repoName: input.repoName,
          paperIds: (input.paperIds ?? []).join(', '),
          answerFormat: SELECTION_ANSWER_FORMAT,
        })
      : fillPlaceholders(template.task, {
          repoName: input.repoName,
          paperRef: input.paperRef ?? 'the repository documentation (no paper was given)',
          answerFormat: ANSWER_FORMAT,
        });
  return {
    templateVersion: template.version,
    system,
    blocks,
    task: normalizePromptText(task),
    prefixHash: hashPromptPrefix(system, blocks),
    mode: input.mode,
  };
}

/** The exact text that would be sent, as one audit document: system, each block, then the task. */
export function renderPromptAudit(prompt: BuiltPrompt): string {
  const parts = [`<<<SYSTEM>>>\n${prompt.system}`];
  prompt.blocks.forEach((b, i) => parts.push(`<<<BLOCK ${i + 1}: ${b.kind}>>>\n${b.text}`));
  parts.push(`<<<TASK>>>\n${prompt.task}`);
  return `${parts.join('\n\n')}\n`;
}
