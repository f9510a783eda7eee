// Resolves `preset:model` flags into runnable sides: custom presets, base URL overrides, keys from env vars.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { isProviderKind, PROVIDER_KINDS } from '../core/providers/kinds';
import { computeCost, customPresetsFrom, envKeyWarning, formatCost, isLocalBaseUrl, parseSideSpec, priceTableFrom, resolveSide, type PriceTable,
  type ProviderPreset, type ResolvedSide } from '../core/providers';

/** Custom presets and user prices shared by every side of a run. */
export interface SideConfig {
  custom: Record<string, ProviderPreset>;
  prices?: PriceTable;
  env: Record<string, string | undefined>;
  /** Custom presets whose envKey does not look like a key variable (printed as warnings). */
  warnings: string[];
}

/** Validates custom presets and prices (matrix `providers`/`prices`); problems are usage errors. */
export function sideConfigFrom(providers: unknown, prices: unknown, env: Record<string, string | undefined>): { ok: true; config: SideConfig } | { ok: false; errors: string[] } {
  const { presets, problems } = customPresetsFrom(providers);
  const p = priceTableFrom(prices);
  const errors = [...problems.map((m) => m.replace(/pairwise\.providers/g, 'providers')), ...p.problems];
  if (errors.length) return { ok: false, errors };
  const warnings = Object.values(presets).map((c) => envKeyWarning(c.id, c.envKey)).filter((w): w is string => w !== undefined);
  return { ok: true, config: { custom: presets, ...(Object.keys(p.table).length ? { prices: p.table } : {}), env, warnings } };
}

/** Reads `--providers FILE` (YAML or JSON, relative to cwd) when given and builds the side config; errors name the flag. */
export async function sideConfigFromFile(providersFile: string | undefined, cwd: string, env: Record<string, string | undefined>): Promise<{ ok: true; config: SideConfig } | { ok: false; error: string }> {
  let providers: unknown;
  if (providersFile) {
    try { providers = parseYaml(await readFile(resolve(cwd, providersFile), 'utf8')); } catch (e) { return { ok: false, error: `--providers ${providersFile}: ${(e as Error).message}` }; }
  }
  const cfg = sideConfigFrom(providers, undefined, env);
  return cfg.ok ? cfg : { ok: false, error: cfg.errors.join(' ') };
}

/** Resolves one side; the error names the flag and says what to fix (unknown preset, bad URL, missing key). */
export function resolveCliSide(text: string, baseUrl: string | undefined, cfg: SideConfig, label: string): { ok: true; side: ResolvedSide } | { ok: false; error: string } {
  const spec = parseSideSpec(text, cfg.custom);
  if ('error' in spec) return { ok: false, error: `${label}: ${spec.error}` };
  if (baseUrl) spec.baseUrl = baseUrl;
  const side = resolveSide(spec, { custom: cfg.custom, env: cfg.env, ...(cfg.prices ? { pricingOverride: cfg.prices } : {}) });
  if ('error' in side) return { ok: false, error: `${label}: ${side.error}` };
  if (side.preset.auth !== 'none' && !side.apiKey) {
    const local = isLocalBaseUrl(side.preset.baseUrl);
    const env = side.preset.envKey;
    return { ok: false, error: `${label}: no API key for ${side.preset.label}. ${env ? `Set the environment variable ${env}` : 'Give the preset an envKey and set it'}${local ? ', or use a preset with auth "none" for a local server' : ''}.` };
  }
  return { ok: true, side };
}

/** Scheduling key of a side's provider: preset id and host, so two servers of one preset are limited apart. */
export function providerKey(side: ResolvedSide): string {
  let host = side.preset.baseUrl;
  try { host = new URL(side.preset.baseUrl).host; } catch { /* keep the raw URL */ }
  return `${side.preset.id}@${host}`;
}

/** Estimated input cost of sending `tokens` prompt tokens to a side (output not included); null when unknown. */
export function estimatedInputCost(side: ResolvedSide, tokens: number): number | null {
  return computeCost({ inputTokens: tokens, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }, side.spec.model, side.pricingOverride).usd;
}

/** "$0.12 + output" or "— (no price for model)". */
export function formatEstimate(usd: number | null): string {
  return usd === null ? '— (no price known)' : `${formatCost(usd)} + output`;
}

/**
 * Starts loading the SDKs the sides need while the context is built (they load lazily on the first request
 * otherwise, delaying the first cells). Never rejects; a load failure surfaces later as that side's error.
 */
export function preloadProviderSdks(sides: readonly ResolvedSide[]): void {
  for (const kind of new Set(sides.map((s) => s.preset.kind))) {
    if (isProviderKind(kind)) void PROVIDER_KINDS[kind].preload();
  }
}
