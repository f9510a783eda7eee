import type { RepoRef } from './types';

/** Language of a file, judged from its extension, for import parsing. */
export function langOfPath(path: string): 'python' | 'js' | undefined {
  if (/\.pyi?$/i.test(path)) return 'python';
  if (/\.(m|c)?(j|t)sx?$/i.test(path) || /\.(vue|svelte|astro)$/i.test(path)) return 'js';
  return undefined;
}

/** Language of a fenced code block from its info string. */
export function langOfFence(info: string): 'python' | 'js' | undefined {
  const l = info.trim().toLowerCase().split(/\s+/)[0] ?? '';
  if (['py', 'python', 'python3', 'pycon'].includes(l)) return 'python';
  if (['js', 'javascript', 'ts', 'typescript', 'jsx', 'tsx', 'mjs', 'cjs', 'vue', 'svelte'].includes(l)) return 'js';
  return undefined;
}

const PY_FROM = /^\s*from\s+(\.*[A-Za-z_][\w.]*|\.+)\s+import\s+\(?\s*([\w\s,*]+)/;
const PY_IMPORT = /^\s*import\s+([A-Za-z_][\w.]*(?:\s+as\s+\w+)?(?:\s*,\s*[A-Za-z_][\w.]*(?:\s+as\s+\w+)?)*)\s*(?:#.*)?$/;
const JS_PATTERNS = [
  /\bimport\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"\n]+)['"]/g,
  /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s+from\s+['"]([^'"\n]+)['"]/g,
  /\brequire\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g,
];

/** Lines longer than this are not searched for imports. */
export const MAX_IMPORT_LINE = 1000;

/** Finds import statements in lines of code and returns them as module references. */
export function extractImports(lines: readonly string[], lang: 'python' | 'js' | undefined, source: RepoRef['source'],
  fromFile?: string): RepoRef[] {
  const out: RepoRef[] = [];
  const seen = new Set<string>();
  const add = (name: string, l: 'python' | 'js', text: string): void => {
    const key = `${l}:${name}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ kind: 'module', text, module: { name, lang: l, fromFile }, source });
  };
  for (const line of lines) {
    if (line.length > MAX_IMPORT_LINE) continue; // no import statement is this long; keeps the patterns below linear in the draft
    if (lang !== 'js') {
      const f = PY_FROM.exec(line);
      if (f) {
        const mod = f[1];
        if (/^\.+$/.test(mod)) {
          // `from . import a, b`: each name may be a sibling module
          for (const n of f[2].split(',').map((s) => s.trim().split(/\s+/)[0]).filter((s) => /^\w+$/.test(s))) add(`${mod}${n}`, 'python', `from ${mod} import ${n}`);
        } else add(mod, 'python', `from ${mod} import`);
        continue;
      }
      const im = PY_IMPORT.exec(line);
      if (im && !/['"]/.test(line)) {
        for (const part of im[1].split(',')) add(part.trim().split(/\s+/)[0], 'python', `import ${part.trim().split(/\s+/)[0]}`);
        continue;
      }
    }
    if (lang !== 'python') {
      for (const re of JS_PATTERNS) {
        re.lastIndex = 0;
        for (let m = re.exec(line); m; m = re.exec(line)) add(m[1], 'js', `'${m[1]}'`);
      }
    }
  }
  return out;
}
