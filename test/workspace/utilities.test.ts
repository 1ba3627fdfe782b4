// Utilities (SimpleDateFormat across DST in Europe/Rome, sleep on the fake clock, UUIDs),
// Session, HtmlService and Logger.
import { createWorkspace } from '../../dev/workspace';
import { zonedToEpoch } from '../../dev/workspace/utilities';

const ROME = 'Europe/Rome';

function utilities() {
  return createWorkspace().globals.Utilities;
}

describe('Utilities.formatDate', () => {
  const fmt = (iso: string, pattern: string, tz = ROME) => utilities().formatDate(new Date(iso), tz, pattern);

  test('spring forward in Rome, 29 March 2026: 02:00 CET becomes 03:00 CEST', () => {
    const p = 'yyyy-MM-dd HH:mm z Z';
    expect(fmt('2026-03-29T00:59:00Z', p)).toBe('2026-03-29 01:59 CET +0100');
    expect(fmt('2026-03-29T01:00:00Z', p)).toBe('2026-03-29 03:00 CEST +0200');
  });

  test('fall back in Rome, 25 October 2026: 02:30 happens twice', () => {
    const p = 'yyyy-MM-dd HH:mm z XXX';
    expect(fmt('2026-10-25T00:30:00Z', p)).toBe('2026-10-25 02:30 CEST +02:00');
    expect(fmt('2026-10-25T01:30:00Z', p)).toBe('2026-10-25 02:30 CET +01:00');
  });

  test('a date near midnight UTC is the next day in Rome', () => {
    expect(fmt('2026-11-08T23:30:00Z', 'yyyy-MM-dd')).toBe('2026-11-09');
    expect(fmt('2026-11-08T23:30:00Z', 'yyyy-MM-dd', 'UTC')).toBe('2026-11-08');
  });

  test('the pattern letters of SimpleDateFormat', () => {
    const iso = '2026-11-09T13:05:07.089Z';
    expect(fmt(iso, "EEE, d MMM yyyy HH:mm:ss.SSS 'ore' a")).toBe('Mon, 9 Nov 2026 14:05:07.089 ore PM');
    expect(fmt(iso, 'EEEE d MMMM yy, h:mm a, k, K, D, u, F, w')).toBe(
      'Monday 9 November 26, 2:05 PM, 14, 2, 313, 1, 2, 46',
    );
    expect(fmt(iso, "yyyy-MM-dd'T'HH:mm:ssX")).toBe('2026-11-09T14:05:07+01');
    expect(fmt(iso, "yyyy-MM-dd'T'HH:mm:ssXXX", 'UTC')).toBe('2026-11-09T13:05:07Z');
    expect(fmt(iso, "'It''s' G")).toBe("It's AD");
  });

  test("'Y' is the week year: the last days of December can belong to the next one", () => {
    // Sunday 27 December 2026 starts the (US) week that holds 1 January 2027.
    expect(fmt('2026-12-27T12:00:00Z', 'YYYY yyyy')).toBe('2027 2026');
    expect(fmt('2026-12-26T12:00:00Z', 'YYYY yyyy')).toBe('2026 2026');
  });

  test('an unknown time zone is GMT, as in Java; fixed offsets work', () => {
    expect(fmt('2026-07-01T12:00:00Z', 'HH:mm z', 'Mars/Olympus')).toBe('12:00 GMT');
    expect(fmt('2026-07-01T12:00:00Z', 'HH:mm z', 'GMT+3')).toBe('15:00 GMT+03:00');
  });

  test('an illegal pattern letter or an invalid date throws', () => {
    expect(() => fmt('2026-07-01T12:00:00Z', 'yyyy-MM-dd q')).toThrow("Illegal pattern character 'q'");
    expect(() => utilities().formatDate(new Date(NaN), ROME, 'yyyy')).toThrow('Invalid argument: date');
  });
});

describe('Utilities', () => {
  test('parseDate reads a date in the time zone given', () => {
    const u = utilities();
    expect(u.parseDate('09/11/2026 08:30', ROME, 'dd/MM/yyyy HH:mm').toISOString()).toBe(
      '2026-11-09T07:30:00.000Z',
    );
    expect(u.parseDate('2026-07-01', ROME, 'yyyy-MM-dd').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(() => u.parseDate('01-07-2026', ROME, 'yyyy/MM/dd')).toThrow('Unparseable date');
  });

  test('local times in a gap move forward; repeated ones take the first', () => {
    expect(
      new Date(zonedToEpoch({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, ROME)).toISOString(),
    ).toBe('2026-03-29T01:30:00.000Z');
    expect(
      new Date(zonedToEpoch({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, ROME)).toISOString(),
    ).toBe('2026-10-25T00:30:00.000Z');
  });

  test('sleep advances the fake clock and refuses more than five minutes', () => {
    const { globals, ws } = createWorkspace();
    const start = ws.nowMs;
    globals.Utilities.sleep(1500);
    expect(ws.nowMs).toBe(start + 1500);
    expect(() => globals.Utilities.sleep(300001)).toThrow('Invalid argument: milliseconds');
  });

  test('getUuid gives distinct v4 UUIDs, the same sequence in every new Workspace', () => {
    const a = createWorkspace().globals.Utilities;
    const b = createWorkspace().globals.Utilities;
    const ids = [a.getUuid(), a.getUuid(), a.getUuid()];
    expect(new Set(ids).size).toBe(3);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b.getUuid()).toBe(ids[0]);
  });

  test('computeDigest gives signed bytes; base64 round-trips', () => {
    const u = utilities();
    const digest = u.computeDigest(u.DigestAlgorithm.SHA_256, 'abc');
    expect(digest).toHaveLength(32);
    expect(digest.slice(0, 4)).toEqual([-70, 120, 22, -65]);
    expect(u.base64Encode('ciao')).toBe('Y2lhbw==');
    expect(Buffer.from(u.base64Decode('Y2lhbw==').map((b) => b & 0xff)).toString()).toBe('ciao');
    expect(u.newBlob('testo', 'text/plain', 'a.txt').getDataAsString()).toBe('testo');
  });
});

describe('Session', () => {
  test('active and effective users, the script time zone, a stable temporary key', () => {
    const { globals, ws } = createWorkspace({ owner: 'hr@example.it' });
    ws.activeUser = 'anna.rossi@example.it';
    expect(globals.Session.getActiveUser().getEmail()).toBe('anna.rossi@example.it');
    expect(globals.Session.getEffectiveUser().getEmail()).toBe('anna.rossi@example.it');
    ws.effectiveUserOverride = 'hr@example.it';
    expect(globals.Session.getEffectiveUser().getEmail()).toBe('hr@example.it');
    expect(globals.Session.getScriptTimeZone()).toBe('Europe/Rome');
    const key = globals.Session.getTemporaryActiveUserKey();
    expect(key).not.toContain('anna');
    expect(globals.Session.getTemporaryActiveUserKey()).toBe(key);
  });
});

describe('HtmlService and Logger', () => {
  test('HtmlOutput holds content, title and size; appendUntrusted escapes', () => {
    const { globals } = createWorkspace();
    const out = globals.HtmlService.createHtmlOutput('<b>x</b>')
      .append('<i>y</i>')
      .appendUntrusted('<script>')
      .setTitle('Agorà')
      .setWidth(300)
      .setSandboxMode(globals.HtmlService.SandboxMode.IFRAME as never)
      .setXFrameOptionsMode(globals.HtmlService.XFrameOptionsMode.ALLOWALL as never);
    expect(out.getContent()).toBe('<b>x</b><i>y</i>&lt;script&gt;');
    expect([out.getTitle(), out.getWidth()]).toEqual(['Agorà', 300]);
    expect(() => globals.HtmlService.createHtmlOutputFromFile('sidebar')).toThrow(
      'No HTML file named sidebar was found.',
    );
  });

  test('Logger.log formats %s and collects lines', () => {
    const { globals, logs } = createWorkspace();
    globals.Logger.log('giorni: %s, utente: %s', 3, 'anna');
    globals.console.error('ops', { code: 1 });
    expect(logs.map((l) => [l.level, l.text])).toEqual([
      ['log', 'giorni: 3, utente: anna'],
      ['error', 'ops {"code":1}'],
    ]);
  });
});
