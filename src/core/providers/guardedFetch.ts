// The fetch every provider SDK uses: never follows a redirect (the key and the prompt must reach only the configured
// host) and accepts a successful answer only when it is an event stream. Either refusal throws a ProviderRefusal.

/** Why a provider's answer was refused before its body was read. */
export type RefusalKind = 'redirect' | 'bad_response';

/** Thrown by {@link guardedFetch}; the SDKs wrap it (as `cause`), the run layer finds it by name. */
export class ProviderRefusal extends Error {
  /** `detail` is short and safe to show: a host name, a status, a content type. */
  constructor(readonly refusal: RefusalKind, readonly status: number, readonly detail: string) {
    // The detail stays out of the message: the SDKs test messages (e.g. for "timed out") to pick their error class.
    super(`Pairwise refused the provider's answer (${refusal})`);
    this.name = 'ProviderRefusal';
  }
}

/** Finds a ProviderRefusal in an error or its `cause` chain (the SDKs wrap fetch errors). */
export function findRefusal(err: unknown): ProviderRefusal | undefined {
  let cur: unknown = err;
  for (let depth = 0; cur && typeof cur === 'object' && depth < 6; depth++) {
    if (cur instanceof ProviderRefusal || (cur as { name?: unknown }).name === 'ProviderRefusal') return cur as ProviderRefusal;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Where a redirect pointed, as a host (never the full URL: it may carry tokens). */
export function redirectHost(location: string | null, requestUrl: string): string {
  if (!location) return 'no Location header';
  try { return new URL(location, requestUrl).host || 'an unnamed host'; } catch { return 'an unreadable Location'; }
}

function urlOf(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

async function discard(res: Response): Promise<void> {
  try { await res.body?.cancel(); } catch { /* the body is not needed */ }
}

/**
 * Wraps `base` so that redirects are returned to us (`redirect: 'manual'`) and refused, and a 2xx answer whose
 * content type is not `text/event-stream` is refused. Error statuses pass through for the SDK to report.
 */
export function guardedFetch(base: typeof globalThis.fetch = globalThis.fetch): typeof globalThis.fetch {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const res = await base(input, { ...init, redirect: 'manual' });
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
      await discard(res);
      throw new ProviderRefusal('redirect', res.status, redirectHost(res.headers.get('location'), urlOf(input)));
    }
    if (res.ok) {
      const type = (res.headers.get('content-type') ?? '').trim();
      if (!/^text\/event-stream\b/i.test(type)) {
        await discard(res);
        throw new ProviderRefusal('bad_response', res.status, type ? type.split(';')[0].trim().slice(0, 80).replace(/[^\w.+/-]/g, '?') : 'no content type');
      }
    }
    return res;
  };
}
