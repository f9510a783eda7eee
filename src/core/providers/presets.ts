import { isProviderKind, kindList, PROVIDER_KINDS } from './kinds';
import type { AuthStyle, ProviderPreset, ResolvedSide, SideSpec, PriceTable } from './types';

/** Built-in endpoints. Custom presets (setting `pairwise.providers`) add to these; they never take a built-in's name or key variable. */
export const BUILTIN_PRESETS: Readonly<Record<string, ProviderPreset>> = Object.freeze({
  anthropic: { id: 'anthropic', label: 'Anthropic', kind: 'anthropic', baseUrl: 'https://api.anthropic.com', auth: 'x-api-key', envKey: 'ANTHROPIC_API_KEY' },
  openai: { id: 'openai', label: 'OpenAI', kind: 'openai-compatible', baseUrl: 'https://api.openai.com/v1', auth: 'bearer', envKey: 'OPENAI_API_KEY', maxTokensField: 'max_completion_tokens' },
  zai: { id: 'zai', label: 'z.ai', kind: 'openai-compatible', baseUrl: 'https://api.z.ai/api/paas/v4', auth: 'bearer', envKey: 'ZAI_API_KEY' },
  'zai-anthropic': { id: 'zai-anthropic', label: 'z.ai (Anthropic API)', kind: 'anthropic', baseUrl: 'https://api.z.ai/api/anthropic', auth: 'bearer', envKey: 'ZAI_API_KEY' },
  baseten: { id: 'baseten', label: 'Baseten', kind: 'openai-compatible', baseUrl: 'https://inference.baseten.co/v1', auth: 'bearer', envKey: 'BASETEN_API_KEY' },
  openrouter: { id: 'openrouter', label: 'OpenRouter', kind: 'openai-compatible', baseUrl: 'https://openrouter.ai/api/v1', auth: 'bearer', envKey: 'OPENROUTER_API_KEY' },
  moonshot: { id: 'moonshot', label: 'Moonshot', kind: 'openai-compatible', baseUrl: 'https://api.moonshot.ai/v1', auth: 'bearer', envKey: 'MOONSHOT_API_KEY' },
  'moonshot-anthropic': { id: 'moonshot-anthropic', label: 'Moonshot (Anthropic API)', kind: 'anthropic', baseUrl: 'https://api.moonshot.ai/anthropic', auth: 'bearer', envKey: 'MOONSHOT_API_KEY' },
  vllm: { id: 'vllm', label: 'vLLM', kind: 'openai-compatible', baseUrl: 'http://localhost:8000/v1', auth: 'none' },
  ollama: { id: 'ollama', label: 'Ollama', kind: 'openai-compatible', baseUrl: 'http://localhost:11434/v1', auth: 'none' },
  lmstudio: { id: 'lmstudio', label: 'LM Studio', kind: 'openai-compatible', baseUrl: 'http://localhost:1234/v1', auth: 'none' },
} satisfies Record<string, ProviderPreset>);

const PRESET_ID = /^[a-z0-9][a-z0-9._-]*$/i;

/** Whether `id` is a built-in preset's name (case-insensitive): a custom endpoint may not use it. */
export function isBuiltinPresetName(id: string): boolean { return Object.keys(BUILTIN_PRESETS).some((b) => b.toLowerCase() === id.toLowerCase()); }

/** The built-in preset whose name (case-insensitive) or key variable a custom entry would take, with what it takes. */
function builtinSlotTaken(id: string, envKey: unknown): { builtin: ProviderPreset; what: 'name' | 'envKey' } | undefined {
  const byName = Object.values(BUILTIN_PRESETS).find((b) => b.id.toLowerCase() === id.toLowerCase());
  if (byName) return { builtin: byName, what: 'name' };
  const byKey = typeof envKey === 'string' ? Object.values(BUILTIN_PRESETS).find((b) => b.envKey !== undefined && b.envKey === envKey) : undefined;
  return byKey ? { builtin: byKey, what: 'envKey' } : undefined;
}

/** Variables that hold something other than a key: sending their value as an API key leaks it. */
const NOT_KEY_VARIABLES = new Set(['PATH', 'HOME', 'USER', 'USERNAME', 'LOGNAME', 'SHELL', 'PWD', 'OLDPWD', 'LANG', 'LANGUAGE', 'TERM', 'TMPDIR',
  'TMP', 'TEMP', 'HOSTNAME', 'EDITOR', 'VISUAL', 'PAGER', 'DISPLAY', 'MAIL', 'TZ', 'NODE_OPTIONS', 'NODE_PATH', 'PYTHONPATH', 'LD_PRELOAD',
  'LD_LIBRARY_PATH', 'SSH_AUTH_SOCK', 'SSH_CONNECTION', 'SSH_CLIENT', 'CI', 'GITHUB_WORKSPACE']);

/**
 * A warning when a preset's `envKey` does not look like an API key variable (a well-known variable such as PATH or
 * HOME, or a name without KEY/TOKEN/SECRET/PASS/AUTH/CRED in it): its value would go to the provider as the key.
 */
export function envKeyWarning(presetId: string, envKey: string | undefined): string | undefined {
  if (!envKey) return undefined;
  const upper = envKey.toUpperCase();
  const known = NOT_KEY_VARIABLES.has(upper) || upper.startsWith('LC_') || upper.startsWith('XDG_');
  if (!known && /KEY|TOKEN|SECRET|PASS|AUTH|CRED/.test(upper)) return undefined;
  return `providers.${presetId}.envKey is "${envKey}", which does not look like an API key variable: its value would be sent to the provider as the key. `
    + `Use a variable of its own, e.g. ${presetId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_API_KEY.`;
}

/** Custom presets validated from the user's `pairwise.providers` map, plus one line per entry that was skipped. */
export function customPresetsFrom(map: unknown): { presets: Record<string, ProviderPreset>; problems: string[] } {
  const presets: Record<string, ProviderPreset> = {};
  const problems: string[] = [];
  if (map === undefined || map === null) return { presets, problems };
  if (typeof map !== 'object' || Array.isArray(map)) return { presets, problems: ['pairwise.providers must be an object of { name: { kind, baseUrl } }.'] };
  for (const [id, raw] of Object.entries(map as Record<string, unknown>)) {
    const where = `pairwise.providers.${id}`;
    if (!PRESET_ID.test(id)) { problems.push(`${where}: the name may use letters, digits, '.', '_' and '-' only.`); continue; }
    if (!raw || typeof raw !== 'object') { problems.push(`${where} must be an object with kind and baseUrl.`); continue; }
    const r = raw as Record<string, unknown>;
    const taken = builtinSlotTaken(id, r.envKey);
    if (taken?.what === 'name') {
      problems.push(`${where}: "${id}" is the name of the built-in preset ${taken.builtin.label}; give the custom endpoint a name of its own (e.g. "${id}-custom") so it never receives the key stored for ${taken.builtin.label}.`);
      continue;
    }
    if (taken) {
      problems.push(`${where}.envKey: ${String(r.envKey)} is the key variable of the built-in preset ${taken.builtin.label}; a custom endpoint needs a variable of its own so the ${taken.builtin.label} key never goes to another host.`);
      continue;
    }
    const kind = r.kind;
    if (!isProviderKind(kind)) { problems.push(`${where}.kind must be ${kindList()}.`); continue; }
    if (typeof r.baseUrl !== 'string' || !isHttpUrl(r.baseUrl)) { problems.push(`${where}.baseUrl must be an http(s) URL.`); continue; }
    if (hasUserinfo(r.baseUrl)) { problems.push(`${where}.baseUrl ${USERINFO_PROBLEM}`); continue; }
    const auth = (r.auth ?? PROVIDER_KINDS[kind].defaultAuth) as AuthStyle;
    if (auth !== 'x-api-key' && auth !== 'bearer' && auth !== 'none') { problems.push(`${where}.auth must be "x-api-key", "bearer" or "none".`); continue; }
    const headers = stringRecord(r.headers);
    if (r.headers !== undefined && !headers) { problems.push(`${where}.headers must map header names to strings.`); continue; }
    if (headers && Object.keys(headers).some((h) => /^(authorization|x-api-key|api-key)$/i.test(h))) {
      problems.push(`${where}.headers must not carry a key; use Pairwise: Set API Key.`); continue;
    }
    const preset: ProviderPreset = { id, label: typeof r.label === 'string' && r.label ? r.label : id, kind, baseUrl: r.baseUrl, auth };
    if (typeof r.envKey === 'string' && r.envKey) preset.envKey = r.envKey;
    if (headers) preset.headers = headers;
    if (r.maxTokensField === 'max_tokens' || r.maxTokensField === 'max_completion_tokens') preset.maxTokensField = r.maxTokensField;
    presets[id] = preset;
  }
  return { presets, problems };
}

/** The preset named `id`: a custom one first, then a built-in; undefined when neither exists. */
export function findPreset(id: string, custom?: Record<string, ProviderPreset>): ProviderPreset | undefined {
  if (custom && Object.hasOwn(custom, id)) return custom[id];
  return Object.hasOwn(BUILTIN_PRESETS, id) ? BUILTIN_PRESETS[id] : undefined;
}

/** Every preset id the user can pick, custom ones included. */
export function presetIds(custom?: Record<string, ProviderPreset>): string[] {
  return [...new Set([...Object.keys(BUILTIN_PRESETS), ...Object.keys(custom ?? {})])].sort();
}

/**
 * Parses `preset:model` (the model may itself contain ':' and '/', e.g. `ollama:qwen3:8b`,
 * `openrouter:anthropic/claude-opus-4.7`). When `custom` is given the preset must exist.
 */
export function parseSideSpec(s: string, custom?: Record<string, ProviderPreset>): SideSpec | { error: string } {
  const text = (s ?? '').trim();
  const colon = text.indexOf(':');
  if (!text) return { error: 'No model chosen. Write it as preset:model, e.g. anthropic:claude-opus-4-7.' };
  if (colon <= 0 || colon === text.length - 1) {
    return { error: `"${text}" is not preset:model. Write it like anthropic:claude-opus-4-7 or zai:glm-5.1.` };
  }
  const preset = text.slice(0, colon).trim();
  const model = text.slice(colon + 1).trim();
  if (!PRESET_ID.test(preset)) return { error: `"${preset}" is not a preset name. Known presets: ${presetIds(custom).join(', ')}.` };
  if (!model) return { error: `"${text}" names no model after the colon.` };
  if (custom !== undefined && !findPreset(preset, custom)) {
    return { error: `Unknown provider preset "${preset}". Known presets: ${presetIds(custom).join(', ')}; add others under pairwise.providers.` };
  }
  return { preset, model };
}

/** Options for {@link resolveSide}. */
export interface ResolveSideOptions {
  custom?: Record<string, ProviderPreset>;
  /** Key from secret storage; wins over the environment. */
  apiKey?: string;
  /** Environment to read `envKey` from (defaults to process.env). */
  env?: Record<string, string | undefined>;
  pricingOverride?: PriceTable;
}

/** Turns a spec (or `preset:model` text) into a runnable side; the error says what to fix. */
export function resolveSide(spec: SideSpec | string, opts: ResolveSideOptions = {}): ResolvedSide | { error: string } {
  const parsed = typeof spec === 'string' ? parseSideSpec(spec, opts.custom ?? {}) : spec;
  if ('error' in parsed) return parsed;
  const base = findPreset(parsed.preset, opts.custom);
  if (!base) return { error: `Unknown provider preset "${parsed.preset}". Known presets: ${presetIds(opts.custom).join(', ')}.` };
  if (parsed.baseUrl !== undefined && !isHttpUrl(parsed.baseUrl)) return { error: `Base URL "${parsed.baseUrl}" is not an http(s) URL.` };
  if (parsed.baseUrl !== undefined && hasUserinfo(parsed.baseUrl)) return { error: `The base URL ${USERINFO_PROBLEM}` };
  const preset: ProviderPreset = { ...base, baseUrl: parsed.baseUrl ?? base.baseUrl, headers: { ...base.headers, ...parsed.headers } };
  const env = opts.env ?? process.env;
  const apiKey = opts.apiKey || (preset.envKey ? env[preset.envKey] : undefined) || undefined;
  const side: ResolvedSide = { spec: parsed, preset };
  if (apiKey) side.apiKey = apiKey;
  if (opts.pricingOverride) side.pricingOverride = opts.pricingOverride;
  return side;
}

/**
 * True when the base URL points at this machine (local servers need no key and cost nothing upstream): localhost (also
 * written with the root's trailing dot), the loopback block 127.0.0.0/8, and ::1 (also as an IPv4-mapped 127.x address).
 */
export function isLocalBaseUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  // The URL parser lower-cases names and writes IPv4 in dotted decimal and IPv6 compressed ([::ffff:7f00:1] for ::ffff:127.0.0.1).
  return host === 'localhost' || host === 'localhost.' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '[::1]'
    || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host);
}

/**
 * A warning for a base URL that sends over plain http to another machine (a LAN gateway, say): the key and the
 * repository context then cross the network unencrypted. null for https and for this machine.
 */
export function plainHttpWarning(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' || isLocalBaseUrl(url)) return null;
  return `${u.host} is reached over plain http: the key and everything sent cross the network unencrypted (use https unless the network is yours)`;
}

/** plainHttpWarning of each base URL, each warning once, in order (none for https or this machine). */
export function plainHttpWarnings(urls: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const u of urls) {
    const w = plainHttpWarning(u);
    if (w) out.add(w);
  }
  return [...out];
}

/** Said (without repeating the URL, which would print the password) of a base URL with `user:password@`. */
const USERINFO_PROBLEM = 'holds a user name or password (user:password@host): no request could be sent with it, and '
  + 'Pairwise would print it where it names the endpoint. Remove it; the key travels in a header (envKey, or the stored key).';

/** True when a URL carries a user name or password. */
function hasUserinfo(s: string): boolean {
  try { const u = new URL(s); return u.username !== '' || u.password !== ''; } catch { return false; }
}

function isHttpUrl(s: string): boolean {
  try { const u = new URL(s); return u.protocol === 'http:' || u.protocol === 'https:'; } catch { return false; }
}

function stringRecord(v: unknown): Record<string, string> | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (typeof val !== 'string') return undefined;
    out[k] = val;
  }
  return out;
}
