/**
 * The self-preference guard: which model family a `preset:model` belongs to (a small registry table, matched on the
 * model id first — `openrouter:anthropic/claude-…` and `ollama:llama3` name their family — then on the preset), and
 * the warning the shells print when a judge shares a family with a side it judges.
 */
import type { SideRecord } from '../results/schema';

/** One family: its name and how to recognise it. */
export interface ModelFamily {
  family: string;
  /** Matched against the model id (lower-cased). */
  model: RegExp;
  /** Presets that serve only this family (matched when the model id says nothing). */
  presets?: readonly string[];
}

/** The registry; add a row to teach the guard a family. Order matters only when two patterns could both match. */
export const MODEL_FAMILIES: readonly ModelFamily[] = [
  { family: 'claude', model: /(^|[/:._-])(claude|anthropic)/, presets: ['anthropic'] },
  { family: 'gpt', model: /(^|[/:._-])(gpt|chatgpt|openai|o[1-9](-mini|-pro|-preview)?($|[-_.:]))/, presets: ['openai'] },
  { family: 'glm', model: /(^|[/:._-])(glm|chatglm|zai|z-ai|zhipu)/, presets: ['zai', 'zai-anthropic'] },
  { family: 'kimi', model: /(^|[/:._-])(kimi|moonshot)/, presets: ['moonshot', 'moonshot-anthropic'] },
  { family: 'qwen', model: /(^|[/:._-])(qwen|qwq)/ },
  { family: 'llama', model: /(^|[/:._-])(llama|meta-llama|codellama)/ },
  { family: 'deepseek', model: /(^|[/:._-])deepseek/ },
  { family: 'gemini', model: /(^|[/:._-])(gemini|gemma|google)/ },
  { family: 'mistral', model: /(^|[/:._-])(mistral|mixtral|codestral|devstral|magistral|ministral)/ },
  { family: 'grok', model: /(^|[/:._-])(grok|x-ai|xai)/ },
  { family: 'phi', model: /(^|[/:._-])phi-?\d/ },
];

/** The family of a model, or undefined when the registry does not know it. */
export function modelFamily(preset: string, model: string): string | undefined {
  const id = model.toLowerCase();
  const byModel = MODEL_FAMILIES.find((f) => f.model.test(id));
  if (byModel) return byModel.family;
  const p = preset.toLowerCase();
  return MODEL_FAMILIES.find((f) => f.presets?.includes(p))?.family;
}

/** Which sides' models are of the judge's family (empty when none, or when the judge's family is unknown). */
export function sameFamilySides(judge: { preset: string; model: string }, sides: { a: Pick<SideRecord, 'preset' | 'model'>; b: Pick<SideRecord, 'preset' | 'model'> }): ('a' | 'b')[] {
  const fam = modelFamily(judge.preset, judge.model);
  if (!fam) return [];
  return (['a', 'b'] as const).filter((s) => modelFamily(sides[s].preset, sides[s].model) === fam);
}

/** The warning a shell prints when the judge judges its own family, or undefined. */
export function selfPreferenceWarning(judge: { preset: string; model: string }, sides: { a: Pick<SideRecord, 'preset' | 'model'>; b: Pick<SideRecord, 'preset' | 'model'> }): string | undefined {
  const same = sameFamilySides(judge, sides);
  if (!same.length) return undefined;
  const fam = modelFamily(judge.preset, judge.model);
  const names = same.map((s) => `${sides[s].preset}:${sides[s].model}`).join(' and ');
  return `Judge ${judge.preset}:${judge.model} is of the ${fam} family, like ${names}: judges tend to prefer their own family's answers (self-preference). Prefer a judge of another family, or read its verdicts on these pairs with care.`;
}
