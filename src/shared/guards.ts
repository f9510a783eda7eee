/** Small structural guards for values that come from outside our control (webview messages, saved state). */

/** A plain object (not null, not an array). */
export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A string of at most `max` characters. */
export const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
/** null or a short string. */
export const optStr = (v: unknown): boolean => v === null || isStr(v, 500);
