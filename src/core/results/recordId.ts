import { randomBytes } from 'node:crypto';

/** A new record id: UTC time (sortable) plus 48 random bits, safe as a folder name. */
export function newRecordId(now: Date = new Date()): string {
  const t = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${t}-${randomBytes(6).toString('hex')}`;
}
