// Public surface of providers. Importing this never loads an SDK (they load lazily on the first run).
export type * from './types';
export { BUILTIN_PRESETS, customPresetsFrom, envKeyWarning, findPreset, isLocalBaseUrl, parseSideSpec, plainHttpWarning, plainHttpWarnings, presetIds, resolveSide } from './presets';
export type { ResolveSideOptions } from './presets';
export { PRICE_TABLE, PRICING_AS_OF, computeCost, formatCost, listPrice, normalizeModelId, priceTableFrom, userPrice } from './pricing';
export type { PriceRow } from './pricing';
export { openProvider } from './providerClient';
export type { ProviderSetup, ProviderStream } from './providerClient';
export { buildAnthropicParams, AnthropicEventMapper, MAX_CACHE_BREAKPOINTS } from './anthropicMapper';
export { buildOpenAIParams, mapOpenAIChunk } from './openaiMapper';
