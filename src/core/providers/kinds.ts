// Provider kinds (wire protocols): one registry entry per kind. Adding a kind = its union member in types.ts,
// an entry here, its adapter and its mapper (see docs/architecture.md, "Adding a provider kind").
import type { ProviderSetup, ProviderStream } from './sdkClient';
import type { AuthStyle, ProviderKind } from './types';

/** What Pairwise knows about one wire protocol. */
export interface ProviderKindSpec {
  kind: ProviderKind;
  /** Shown when the user picks a kind for a custom endpoint. */
  label: string;
  /** How a custom preset of this kind authenticates when it does not say. */
  defaultAuth: AuthStyle;
  /** Loads the kind's SDK (lazily) and builds its client. */
  open(setup: ProviderSetup): Promise<ProviderStream>;
  /** Starts loading the SDK early (never rejects). */
  preload(): Promise<void>;
}

/** Every kind; `satisfies` makes a missing or misnamed kind a compile error. */
export const PROVIDER_KINDS: { readonly [K in ProviderKind]: ProviderKindSpec & { kind: K } } = Object.freeze({
  anthropic: {
    kind: 'anthropic', label: 'Anthropic Messages API', defaultAuth: 'x-api-key',
    open: async (setup: ProviderSetup) => (await import('./anthropic')).openAnthropic(setup),
    preload: () => import('./anthropic').then(() => undefined, () => undefined),
  },
  'openai-compatible': {
    kind: 'openai-compatible', label: 'OpenAI-compatible Chat Completions', defaultAuth: 'bearer',
    open: async (setup: ProviderSetup) => (await import('./openaiCompatible')).openOpenAICompatible(setup),
    preload: () => import('./openaiCompatible').then(() => undefined, () => undefined),
  },
} satisfies { readonly [K in ProviderKind]: ProviderKindSpec & { kind: K } });

/** Kind ids in registry order. */
export const PROVIDER_KIND_IDS: readonly ProviderKind[] = Object.freeze(Object.keys(PROVIDER_KINDS) as ProviderKind[]);

/** True when `v` names a registered kind. */
export function isProviderKind(v: unknown): v is ProviderKind {
  return typeof v === 'string' && Object.hasOwn(PROVIDER_KINDS, v);
}

/** The registry entry of `kind`; an unknown kind is a clear error, never a silent fallback to another protocol. */
export function providerKind(kind: string): ProviderKindSpec {
  if (!isProviderKind(kind)) {
    throw new Error(`Unknown provider kind "${kind}". Known kinds: ${PROVIDER_KIND_IDS.join(', ')}.`);
  }
  return PROVIDER_KINDS[kind];
}

/** "\"anthropic\" or \"openai-compatible\"" for messages. */
export function kindList(): string {
  const q = PROVIDER_KIND_IDS.map((k) => `"${k}"`);
  return q.length > 1 ? `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}` : q.join('');
}
