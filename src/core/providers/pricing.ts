// List prices ($ per million tokens) and cost arithmetic. Prices change: every figure is dated by PRICING_AS_OF
// and a user table (setting) overrides any of them.
import type { CacheBasis, Cost, ModelPrice, PriceTable, Usage } from './types';

/** Date the built-in table was last checked. */
export const PRICING_AS_OF = '2026-11-25';

/** One built-in row: a pattern over the normalized model id (lower case, vendor prefix and date suffix removed, '.' → '-'). */
export interface PriceRow {
  family: string;
  pattern: RegExp;
  price: ModelPrice;
}

const anthropic = (input: number, output: number): ModelPrice => ({ input, output, cacheWrite: input * 1.25, cacheRead: input * 0.1 });
const cachedAt = (input: number, cacheRead: number, output: number): ModelPrice => ({ input, output, cacheWrite: input, cacheRead });

/**
 * Built-in list prices. Sources: Anthropic's pricing page (5-minute cache writes = 1.25× input, hits = 0.1×);
 * OpenAI, z.ai and Moonshot figures from their published price lists as mirrored by third-party catalogues —
 * verify before relying on them; override with `pairwise.pricing`.
 */
export const PRICE_TABLE: readonly PriceRow[] = [
  { family: 'claude-opus-4-5+', pattern: /^claude-opus-4-[5-9]\b/, price: anthropic(5, 25) },
  { family: 'claude-opus-4/4.1', pattern: /^claude-opus-4(-[01])?$/, price: anthropic(15, 75) },
  { family: 'claude-opus-5', pattern: /^claude-opus-5(-0)?$/, price: anthropic(5, 25) },
  { family: 'claude-sonnet-4', pattern: /^claude-sonnet-4(-[0-9])?$/, price: anthropic(3, 15) },
  { family: 'claude-sonnet-5', pattern: /^claude-sonnet-5(-0)?$/, price: { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 } },
  { family: 'claude-haiku-4', pattern: /^claude-haiku-4(-[0-9])?$/, price: anthropic(1, 5) },
  { family: 'claude-3-5-haiku', pattern: /^claude-3-5-haiku$/, price: anthropic(0.8, 4) },
  { family: 'gpt-5', pattern: /^gpt-5(-1)?(-chat-latest|-codex)?$/, price: cachedAt(1.25, 0.125, 10) },
  { family: 'gpt-5-mini', pattern: /^gpt-5(-1)?-mini$/, price: cachedAt(0.25, 0.025, 2) },
  { family: 'gpt-5-nano', pattern: /^gpt-5-nano$/, price: cachedAt(0.05, 0.005, 0.4) },
  { family: 'gpt-5.2', pattern: /^gpt-5-2(-chat-latest|-codex)?$/, price: cachedAt(1.75, 0.175, 14) },
  { family: 'gpt-5.4', pattern: /^gpt-5-4$/, price: cachedAt(2.5, 0.25, 15) },
  { family: 'gpt-5.4-mini', pattern: /^gpt-5-4-mini$/, price: cachedAt(0.75, 0.075, 4.5) },
  { family: 'gpt-4.1', pattern: /^gpt-4-1$/, price: cachedAt(2, 0.5, 8) },
  { family: 'gpt-4o', pattern: /^gpt-4o$/, price: cachedAt(2.5, 1.25, 10) },
  { family: 'glm-5.1/5.2', pattern: /^glm-5-[12]$/, price: cachedAt(1.4, 0.26, 4.4) },
  { family: 'glm-5-turbo', pattern: /^glm-5-turbo$/, price: cachedAt(1.2, 0.24, 4) },
  { family: 'glm-5', pattern: /^glm-5$/, price: cachedAt(1, 0.2, 3.2) },
  { family: 'glm-4.5/4.6/4.7', pattern: /^glm-4-[567]$/, price: cachedAt(0.6, 0.11, 2.2) },
  { family: 'glm-4.5-air', pattern: /^glm-4-5-air$/, price: cachedAt(0.2, 0.03, 1.1) },
  { family: 'kimi-k2.6', pattern: /^kimi-k2-6$/, price: cachedAt(0.95, 0.16, 4) },
  { family: 'kimi-k2', pattern: /^kimi-k2(-0905|-0711)?(-preview|-instruct|-thinking)?$/, price: cachedAt(0.6, 0.15, 2.5) },
];

/** A vendor's published prompt-cache prices as multiples of its input price. */
export interface CacheMultipliers { vendor: string; read: number; write: number }

/**
 * Published cache multipliers by model family (normalized id), used when a price entry (usually the user's own)
 * has no cache rates. Anthropic: cache hits 0.1× input, 5-minute cache writes 1.25×. OpenAI: cached input 0.1×
 * for GPT-5 models, 0.25× for GPT-4.1 and o3/o4, 0.5× for GPT-4o and o1; no write surcharge. z.ai GLM: cached
 * input about 0.2× (e.g. $0.20 vs $1.00 for GLM-5), cache storage free. Moonshot Kimi: cache hits 0.25×.
 */
export const CACHE_MULTIPLIERS: readonly { pattern: RegExp; m: CacheMultipliers }[] = [
  { pattern: /^claude-/, m: { vendor: 'Anthropic', read: 0.1, write: 1.25 } },
  { pattern: /^gpt-5/, m: { vendor: 'OpenAI (GPT-5)', read: 0.1, write: 1 } },
  { pattern: /^(gpt-4-1|o3|o4)/, m: { vendor: 'OpenAI (GPT-4.1, o3/o4)', read: 0.25, write: 1 } },
  { pattern: /^(gpt-4o|o1)/, m: { vendor: 'OpenAI (GPT-4o, o1)', read: 0.5, write: 1 } },
  { pattern: /^glm-/, m: { vendor: 'z.ai', read: 0.2, write: 1 } },
  { pattern: /^kimi-/, m: { vendor: 'Moonshot', read: 0.25, write: 1 } },
];

/** The cache multipliers published for a model's vendor, if known. */
export function cacheMultipliers(model: string): CacheMultipliers | undefined {
  const id = normalizeModelId(model);
  return CACHE_MULTIPLIERS.find((r) => r.pattern.test(id))?.m;
}

/** Cache read/write prices of an entry: its own, else derived from the vendor's multipliers, else the input price. */
export function cachePrices(model: string, price: ModelPrice): { read: number; write: number; basis: CacheBasis; note: string } {
  const fmt = (x: number): string => `$${Number(x.toPrecision(6))}/Mtok`;
  if (price.cacheRead !== undefined && price.cacheWrite !== undefined) {
    return { read: price.cacheRead, write: price.cacheWrite, basis: 'listed', note: `cache read ${fmt(price.cacheRead)}, write ${fmt(price.cacheWrite)} as listed` };
  }
  const m = cacheMultipliers(model);
  if (m) {
    const read = price.cacheRead ?? price.input * m.read;
    const write = price.cacheWrite ?? price.input * m.write;
    return { read, write, basis: 'derived', note: `cache prices derived from ${m.vendor}'s published multipliers (read ${m.read}×, write ${m.write}× input): read ${fmt(read)}, write ${fmt(write)}` };
  }
  return { read: price.cacheRead ?? price.input, write: price.cacheWrite ?? price.input, basis: 'input-rate',
    note: `no cache price known for ${model}: cached tokens charged at the full input price ${fmt(price.input)} (set cacheRead/cacheWrite in pairwise.pricing)` };
}

/** Lower-cases, drops an `org/` prefix and a `-YYYYMMDD` / `@date` suffix, and maps '.' to '-' so ids compare. */
export function normalizeModelId(model: string): string {
  let id = model.trim().toLowerCase();
  const slash = id.lastIndexOf('/');
  if (slash >= 0) id = id.slice(slash + 1);
  id = id.replace(/[@-](\d{8}|\d{4}-\d{2}-\d{2})$/, '').replace(/\./g, '-');
  return id;
}

/** Built-in price for a model, undefined when it is not in the table. */
export function listPrice(model: string): ModelPrice | undefined {
  const id = normalizeModelId(model);
  return PRICE_TABLE.find((row) => row.pattern.test(id))?.price;
}

/** User price for a model: an exact (normalized) key first, then the longest `prefix*` key. */
export function userPrice(model: string, table: PriceTable | undefined): ModelPrice | undefined {
  if (!table) return undefined;
  const raw = model.trim().toLowerCase();
  const id = normalizeModelId(model);
  let best: { len: number; price: ModelPrice } | undefined;
  for (const [key, price] of Object.entries(table)) {
    if (!isPrice(price)) continue;
    const k = key.trim().toLowerCase();
    if (!k.endsWith('*')) {
      if (k === raw || normalizeModelId(k) === id) return price;
      continue;
    }
    const prefix = k.slice(0, -1);
    if ((raw.startsWith(prefix) || id.startsWith(normalizeModelId(prefix))) && (!best || prefix.length > best.len)) best = { len: prefix.length, price };
  }
  return best?.price;
}

/** Cost of a response: user price, else list price, else unknown (`usd: null`, never a made-up $0). */
export function computeCost(usage: Usage, model: string, overrides?: PriceTable): Cost {
  const user = userPrice(model, overrides);
  const price = user ?? listPrice(model);
  if (!price) return { usd: null, basis: 'unknown' };
  const rate = (n: number, perM: number) => (n * perM) / 1_000_000;
  const cache = cachePrices(model, price);
  const breakdown = {
    input: rate(usage.inputTokens, price.input),
    output: rate(usage.outputTokens, price.output),
    cacheWrite: rate(usage.cacheWriteTokens, cache.write),
    cacheRead: rate(usage.cacheReadTokens, cache.read),
  };
  const usd = breakdown.input + breakdown.output + breakdown.cacheWrite + breakdown.cacheRead;
  const cost: Cost = user ? { usd, basis: 'user', breakdown } : { usd, basis: 'list', asOf: PRICING_AS_OF, breakdown };
  if (usage.cacheReadTokens > 0 || usage.cacheWriteTokens > 0) { cost.cacheBasis = cache.basis; cost.cacheNote = cache.note; }
  return cost;
}

/** "$0.0123" / "$1.23"; unknown cost renders as "—". */
export function formatCost(cost: Cost | number | null | undefined): string {
  const usd = typeof cost === 'number' ? cost : cost?.usd ?? null;
  if (usd === null || !Number.isFinite(usd)) return '—';
  if (usd === 0) return '$0.00';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  if (usd < 100) return `$${usd.toFixed(2)}`;
  return `$${Math.round(usd).toLocaleString('en-US')}`;
}

/** Validates a user price table from settings; entries with non-numeric prices are dropped and reported. */
export function priceTableFrom(raw: unknown): { table: PriceTable; problems: string[] } {
  const table: PriceTable = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { table, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { table, problems: ['The price table must map model ids to { input, output, cacheWrite?, cacheRead? } in $ per million tokens.'] };
  for (const [model, price] of Object.entries(raw as Record<string, unknown>)) {
    if (isPrice(price)) table[model] = price;
    else problems.push(`Price for "${model}" needs numeric input and output ($ per million tokens).`);
  }
  return { table, problems };
}

function isPrice(p: unknown): p is ModelPrice {
  if (!p || typeof p !== 'object') return false;
  const r = p as Record<string, unknown>;
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  return num(r.input) && num(r.output) && (r.cacheWrite === undefined || num(r.cacheWrite)) && (r.cacheRead === undefined || num(r.cacheRead));
}
