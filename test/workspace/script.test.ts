// ScriptApp triggers, clock triggers on the fake clock, LockService contention, execution limits.
import { createWorkspace, DEFAULT_BOUND_SPREADSHEET } from '../../dev/workspace';
import { EXECUTION_TIMEOUT_MESSAGE, GOOGLE_ERRORS } from '../../dev/workspace/core';
import { MAX_EXECUTION_MS, TOO_MANY_TRIGGERS_MESSAGE } from '../../dev/workspace/script';

const OWNER = 'hr@example.it';
const ANNA = 'anna.rossi@example.it';
const MIN = 60 * 1000;

function setup(nowMs = Date.UTC(2026, 10, 2, 8, 0)) {
  const w = createWorkspace({ owner: OWNER, nowMs, boundSpreadsheet: DEFAULT_BOUND_SPREADSHEET });
  const runs: { name: string; atMs: number; user: string; event: Record<string, unknown> }[] = [];
  const handler = (name: string) => (e: unknown) =>
    runs.push({ name, atMs: w.ws.nowMs, user: w.ws.activeUser, event: e as Record<string, unknown> });
  w.runtime.resolveFunction = (name) => handler(name);
  return { ...w, ScriptApp: w.globals.ScriptApp, runs };
}

describe('triggers', () => {
  test('a user may have 20 triggers; the 21st fails with Google’s message', () => {
    const { ScriptApp, ws } = setup();
    for (let i = 0; i < 20; i++) ScriptApp.newTrigger(`job${i}`).timeBased().everyHours(1).create();
    expect(() => ScriptApp.newTrigger('job20').timeBased().everyHours(1).create()).toThrow(
      TOO_MANY_TRIGGERS_MESSAGE,
    );
    // The limit is per user.
    ws.activeUser = ANNA;
    ScriptApp.newTrigger('annaJob').timeBased().everyHours(1).create();
    expect(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['annaJob']);
    ws.activeUser = OWNER;
    ScriptApp.deleteTrigger(ScriptApp.getProjectTriggers()[0]);
    ScriptApp.newTrigger('job20').timeBased().everyHours(1).create();
    expect(ScriptApp.getProjectTriggers()).toHaveLength(20);
  });

  test('a trigger tells its handler, type, source and source id', () => {
    const { ScriptApp, globals } = setup();
    const ss = globals.SpreadsheetApp.getActiveSpreadsheet() as GoogleAppsScript.Spreadsheet.Spreadsheet;
    const onEdit = ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(ss).onEdit().create();
    const clock = ScriptApp.newTrigger('nightly').timeBased().atHour(2).everyDays(1).create();
    expect([
      onEdit.getHandlerFunction(),
      String(onEdit.getEventType()),
      String(onEdit.getTriggerSource()),
    ]).toEqual(['onEditInstalled', 'ON_EDIT', 'SPREADSHEETS']);
    expect(onEdit.getTriggerSourceId()).toBe(ss.getId());
    expect(String(clock.getEventType())).toBe(String(ScriptApp.EventType.CLOCK));
    expect(ScriptApp.getUserTriggers(ss).map((t) => t.getUniqueId())).toEqual([onEdit.getUniqueId()]);
  });

  test('clock builders refuse what Google refuses', () => {
    const { ScriptApp } = setup();
    expect(() => ScriptApp.newTrigger('x').timeBased().everyMinutes(7)).toThrow(
      'Valid values are 1, 5, 10, 15, 30',
    );
    expect(() => ScriptApp.newTrigger('x').timeBased().everyHours(3)).toThrow(
      'Valid values are 1, 2, 4, 6, 8, 12',
    );
    expect(() => ScriptApp.newTrigger('x').timeBased().create()).toThrow('no schedule');
  });
});

describe('clock triggers on the fake clock', () => {
  test('runDueTimeTriggers runs what is due, once, as the trigger owner, with the clock event', () => {
    const { ScriptApp, testing, ws, runs } = setup();
    const start = ws.nowMs;
    ScriptApp.newTrigger('every5').timeBased().everyMinutes(5).create();
    ws.activeUser = ANNA;
    ws.advance(4 * MIN);
    expect(testing.runDueTimeTriggers()).toEqual([]);
    ws.advance(MIN);
    expect(testing.runDueTimeTriggers().map((e) => e.status)).toEqual(['completed']);
    expect(runs.map((r) => [r.name, r.atMs - start, r.user])).toEqual([['every5', 5 * MIN, OWNER]]);
    expect(Object.keys(runs[0].event).sort()).toEqual(
      [
        'authMode',
        'day-of-month',
        'day-of-week',
        'hour',
        'minute',
        'month',
        'second',
        'timezone',
        'triggerUid',
        'week-of-year',
        'year',
      ].sort(),
    );
    expect(ws.activeUser).toBe(ANNA);
    // An hour later the missed runs coalesce into one.
    ws.advance(60 * MIN);
    testing.runDueTimeTriggers();
    expect(runs).toHaveLength(2);
  });

  test('runTimeTriggersUntil walks the clock through each occurrence', () => {
    const { ScriptApp, testing, ws, runs } = setup();
    const start = ws.nowMs;
    ScriptApp.newTrigger('every15').timeBased().everyMinutes(15).create();
    ScriptApp.newTrigger('once')
      .timeBased()
      .after(20 * MIN)
      .create();
    testing.runTimeTriggersUntil(start + 60 * MIN);
    expect(runs.map((r) => [r.name, (r.atMs - start) / MIN])).toEqual([
      ['every15', 15],
      ['once', 20],
      ['every15', 30],
      ['every15', 45],
      ['every15', 60],
    ]);
    expect(ws.nowMs).toBe(start + 60 * MIN);
    // A one-off trigger stays listed (and counts towards the 20) until deleted.
    expect(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['every15', 'once']);
  });

  test('a daily trigger keeps its local hour across the change to summer time', () => {
    const { ScriptApp, testing, runs } = setup(Date.UTC(2026, 2, 27, 12, 0));
    ScriptApp.newTrigger('morning').timeBased().atHour(7).everyDays(1).create();
    testing.runTimeTriggersUntil(Date.UTC(2026, 2, 31, 0, 0));
    expect(runs.map((r) => new Date(r.atMs).toISOString())).toEqual([
      '2026-03-28T06:00:00.000Z',
      '2026-03-29T05:00:00.000Z',
      '2026-03-30T05:00:00.000Z',
    ]);
  });

  test('a weekly trigger fires on its weekday', () => {
    const { ScriptApp, testing, runs } = setup(Date.UTC(2026, 10, 2, 8, 0));
    ScriptApp.newTrigger('weekly')
      .timeBased()
      .onWeekDay(ScriptApp.WeekDay.FRIDAY as never)
      .atHour(18)
      .create();
    testing.runTimeTriggersUntil(Date.UTC(2026, 10, 16, 0, 0));
    expect(runs.map((r) => new Date(r.atMs).toISOString())).toEqual([
      '2026-11-06T17:00:00.000Z',
      '2026-11-13T17:00:00.000Z',
    ]);
  });
});

describe('LockService', () => {
  test('a free lock is taken at once and released', () => {
    const { globals, ws } = setup();
    const start = ws.nowMs;
    const lock = globals.LockService.getScriptLock();
    expect(lock.hasLock()).toBe(false);
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
    expect(ws.nowMs).toBe(start);
  });

  test('waitLock waits on the fake clock for another execution to let go', () => {
    const { globals, ws, testing } = setup();
    const start = ws.nowMs;
    testing.holdLock('script', start + 5000);
    const lock = globals.LockService.getScriptLock();
    lock.waitLock(10000);
    expect(lock.hasLock()).toBe(true);
    expect(ws.nowMs).toBe(start + 5000);
  });

  test('waitLock times out with Google’s message when the other holds it too long', () => {
    const { globals, ws, testing } = setup();
    const start = ws.nowMs;
    testing.holdLock('script', start + 60000);
    const lock = globals.LockService.getScriptLock();
    expect(() => lock.waitLock(10000)).toThrow(GOOGLE_ERRORS.lockTimeout());
    expect(ws.nowMs).toBe(start + 10000);
    expect(lock.tryLock(1000)).toBe(false);
    expect(ws.nowMs).toBe(start + 11000);
    // The user lock is another lock.
    expect(globals.LockService.getUserLock().tryLock(0)).toBe(true);
  });

  test('locks are released when the execution that took them ends', () => {
    const { globals, runtime, state } = setup();
    runtime.execute({ functionName: 'f', kind: 'editor', user: ANNA, hasUi: true }, () => {
      globals.LockService.getScriptLock().waitLock(1000);
      expect(Object.keys(state.script.locks)).toEqual(['script']);
    });
    expect(state.script.locks).toEqual({});
  });

  test('a bound script has a document lock; a standalone one has none', () => {
    expect(setup().globals.LockService.getDocumentLock()).not.toBeNull();
    expect(createWorkspace({ boundSpreadsheet: null }).globals.LockService.getDocumentLock()).toBeNull();
  });
});

describe('executions', () => {
  test('an execution past six minutes of fake time is stopped', () => {
    const { globals, runtime, state } = setup();
    expect(() =>
      runtime.execute({ functionName: 'slow', kind: 'editor', user: ANNA, hasUi: true }, () => {
        globals.Utilities.sleep(300000);
        globals.Utilities.sleep(60000);
        globals.Utilities.sleep(1000);
        globals.PropertiesService.getScriptProperties();
      }),
    ).toThrow(EXECUTION_TIMEOUT_MESSAGE);
    const record = state.script.executions[state.script.executions.length - 1];
    expect([record.functionName, record.status]).toEqual(['slow', 'timed-out']);
    expect((record.endedMs ?? 0) - record.startedMs).toBeGreaterThan(MAX_EXECUTION_MS);
  });

  test('the user is set for the execution and restored after it', () => {
    const { globals, runtime, ws } = setup();
    const seen = runtime.execute({ functionName: 'f', kind: 'editor', user: ANNA, hasUi: true }, () =>
      globals.Session.getActiveUser().getEmail(),
    );
    expect(seen).toBe(ANNA);
    expect(ws.activeUser).toBe(OWNER);
  });

  test('ScriptApp.getService().getUrl(): null before any web app deployment, then the /dev URL outside a web request', () => {
    const { ScriptApp, state, testing } = setup();
    expect(ScriptApp.getService().getUrl()).toBeNull();
    testing.deploy({
      id: 'AKfycbWebApp',
      description: 'web app',
      webApp: { executeAs: 'USER_DEPLOYING', access: 'DOMAIN' },
      addOn: false,
      deployer: OWNER,
    });
    // Not the deployment's /exec: the head deployment's /dev, which only editors can open.
    expect(ScriptApp.getService().getUrl()).toBe(
      `https://script.google.com/macros/s/${state.script.headDeploymentId}/dev`,
    );
  });
});
