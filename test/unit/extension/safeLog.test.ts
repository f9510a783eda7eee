import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { safeLog } from '../../../src/extension/safeLog';

describe('safeLog', () => {
  test('a name with a newline, ESC, NEL or a bidi override cannot forge a log line or reorder one; plain text is unchanged', () => {
    const lines: string[] = [];
    const log = safeLog({ info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) });
    log.warn('context: editor selection in notes\n[error] key sk-live leaked was not sent');
    log.info('paper \u001b]52;c;ZXZpbA==\u0007 pinned\u0085x');
    log.error('src/\u202eyp.exe ok\u2028');
    log.info('context: 12 files, 3 omitted (src/app.ts)');
    assert.deepEqual(lines, [
      'warn context: editor selection in notes\\u000a[error] key sk-live leaked was not sent',
      'info paper \\u001b]52;c;ZXZpbA==\\u0007 pinned\\u0085x',
      'error src/\\u202eyp.exe ok\\u2028',
      'info context: 12 files, 3 omitted (src/app.ts)',
    ]);
    const unsafe = ['\n', '\u001b', '\u0085', '\u202e', '\u2028'];
    assert.ok(lines.every((l) => !unsafe.some((c) => l.includes(c))));
  });
});
