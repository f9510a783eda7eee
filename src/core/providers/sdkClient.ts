// What both SDK adapters share: the request setup, the stream shape, and the client options (auth, no retries, guarded fetch).
import { guardedFetch } from './guardedFetch';
import type { AuthStyle, PromptInput, ProviderEvent, ProviderPreset } from './types';

/** Everything needed to send one side's request (the same request every attempt). */
export interface ProviderSetup {
  preset: ProviderPreset;
  model: string;
  apiKey?: string;
  prompt: PromptInput;
  maxTokens: number;
  /** fetch the SDK uses; the run layer passes an instrumented one (send time, headers, idle watchdog). */
  fetch?: typeof globalThis.fetch;
  /** Headers-to-first-byte cap handed to the SDK; our own watchdogs are tighter, so keep it large. */
  sdkTimeoutMs?: number;
}

/** A prepared client: each `stream()` call sends the request once (no SDK retries) and maps its events. */
export interface ProviderStream {
  stream(signal: AbortSignal): AsyncIterable<ProviderEvent>;
}

/** Default SDK timeout: large, because Pairwise's own headers timeout and idle watchdog decide. */
export const SDK_TIMEOUT_MS = 30 * 60_000;

/** Silent logger: the SDKs would otherwise print raw stream lines (which may echo secrets) to the console. */
export const SILENT_LOGGER = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };

/**
 * Client options both SDKs share: endpoint, explicit auth, no SDK retries, a long timeout, silence, and a fetch
 * that never follows a redirect and accepts only an event stream (the run layer's fetch, if any, sits below it).
 */
export function sdkClientOptions(setup: ProviderSetup) {
  return {
    baseURL: setup.preset.baseUrl,
    maxRetries: 0,
    timeout: setup.sdkTimeoutMs ?? SDK_TIMEOUT_MS,
    defaultHeaders: { ...envHeaderRemovals(), ...setup.preset.headers, ...authHeaders(setup.preset.auth, setup.apiKey) },
    logger: SILENT_LOGGER,
    logLevel: 'off' as const,
    fetch: guardedFetch(setup.fetch),
  };
}

/** Variables both SDKs read extra headers from (one `Name: value` a line) and add to every request, whatever the host. */
export const SDK_HEADER_VARIABLES = ['ANTHROPIC_CUSTOM_HEADERS', 'OPENAI_CUSTOM_HEADERS'] as const;

/** Headers the SDKs set themselves for the wire protocol: left to them (nulling one would drop the SDK's own value). */
const PROTOCOL_HEADERS = new Set(['accept', 'content-type', 'user-agent', 'anthropic-version']);

/**
 * The headers those variables name, each set to null (the SDKs then drop it): they are meant for the user's own gateway
 * (often with its token), and a side sends only its preset's headers and its own auth header to its host.
 */
export function envHeaderRemovals(env: Record<string, string | undefined> = process.env): Record<string, null> {
  const out: Record<string, null> = {};
  for (const v of SDK_HEADER_VARIABLES) {
    for (const line of (env[v] ?? '').split('\n')) {
      const colon = line.indexOf(':');
      const name = colon >= 0 ? line.slice(0, colon).trim() : '';
      if (name && !PROTOCOL_HEADERS.has(name.toLowerCase())) out[name] = null;
    }
  }
  return out;
}

/**
 * Explicit auth headers. They are set (and the other scheme nulled) instead of relying on SDK defaults,
 * which differ between SDK versions (x-api-key vs Bearer for `apiKey`).
 */
export function authHeaders(auth: AuthStyle, apiKey: string | undefined): Record<string, string | null> {
  if (auth === 'none' || !apiKey) return { Authorization: null, 'x-api-key': null };
  if (auth === 'x-api-key') return { 'x-api-key': apiKey, Authorization: null };
  return { Authorization: `Bearer ${apiKey}`, 'x-api-key': null };
}
