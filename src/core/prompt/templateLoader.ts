/** Loads a user prompt template from a JSON or sectioned text file and validates its placeholders. */
import { readFile } from 'node:fs/promises';
import { DEFAULT_TEMPLATE, TEMPLATE_PLACEHOLDERS, type PromptTemplate } from './template';

/** Result of loading a template: the template, or an error a user can act on. */
export type TemplateLoadResult = { ok: true; template: PromptTemplate } | { ok: false; error: string };

type Field = keyof typeof TEMPLATE_PLACEHOLDERS;
const FIELDS: Field[] = ['system', 'task', 'selectionTask'];

/** Lists the {{placeholders}} used in a template string. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([A-Za-z_]\w*)\s*\}\}/g)].map((m) => m[1]);
}

/** Checks a template: a version, known placeholders only, required placeholders present. */
export function validateTemplate(t: Partial<PromptTemplate>, source = 'template'): TemplateLoadResult {
  const problems: string[] = [];
  if (typeof t.version !== 'string' || t.version.trim() === '') problems.push('"version" is missing (e.g. "my-prompt/1")');
  for (const field of FIELDS) {
    const value = t[field];
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`"${field}" is missing or empty`);
      continue;
    }
    const used = placeholdersIn(value);
    const spec = TEMPLATE_PLACEHOLDERS[field];
    for (const p of used) if (!spec.allowed.includes(p)) problems.push(`"${field}" uses unknown placeholder {{${p}}} (allowed: ${spec.allowed.map((a) => `{{${a}}}`).join(', ') || 'none'})`);
    for (const r of spec.required) if (!used.includes(r)) problems.push(`"${field}" must contain {{${r}}}`);
  }
  if (problems.length) return { ok: false, error: `Prompt template ${source} is invalid: ${problems.join('; ')}.` };
  return { ok: true, template: { version: t.version!.trim(), system: t.system!, task: t.task!, selectionTask: t.selectionTask! } };
}

/** Parses the text format: `@version NAME` then `@system`, `@task`, `@selectionTask` headers, each on its own line. */
export function parseTemplateText(text: string): Partial<PromptTemplate> {
  const out: Partial<PromptTemplate> = {};
  let field: Field | null = null;
  let buf: string[] = [];
  const flush = () => {
    if (field) out[field] = buf.join('\n').replace(/^\n+|\s+$/g, '');
    buf = [];
  };
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const v = /^@version\s+(\S.*)$/.exec(line);
    const h = /^@(system|task|selectionTask)\s*$/.exec(line);
    if (v) {
      flush();
      field = null;
      out.version = v[1].trim();
    } else if (h) {
      flush();
      field = h[1] as Field;
    } else if (field) buf.push(line);
  }
  flush();
  return out;
}

/** Loads a template file (.json with version/system/task/selectionTask, or the @-sectioned text format). */
export async function loadTemplateFile(path: string): Promise<TemplateLoadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return { ok: false, error: `Cannot read prompt template ${path}: ${(e as Error).message}` };
  }
  let parsed: Partial<PromptTemplate>;
  if (path.toLowerCase().endsWith('.json')) {
    try {
      parsed = JSON.parse(text) as Partial<PromptTemplate>;
    } catch (e) {
      return { ok: false, error: `Prompt template ${path} is not valid JSON: ${(e as Error).message}` };
    }
  } else parsed = parseTemplateText(text);
  if (parsed.version === DEFAULT_TEMPLATE.version) {
    return { ok: false, error: `Prompt template ${path} reuses the built-in version "${DEFAULT_TEMPLATE.version}"; give it its own version so results stay comparable.` };
  }
  return validateTemplate(parsed, path);
}
