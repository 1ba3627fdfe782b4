// The in-memory MailApp: every form of sendEmail lands in the outbox, recipients count against
// the per-user quota of 1,500 per 24 hours, and bad input fails with Google's messages.
import { Workspace } from '../../dev/workspace/core';
import { createMailApp, emptyMailState, type MailState } from '../../dev/workspace/mail';

const HR = 'hr@example.it';
const ANNA = 'anna.rossi@example.it';
const MARIO = 'mario.ferrari@example.it';
const QUOTA_ERROR = 'Service invoked too many times for one day: email.';

function setup(state: MailState = emptyMailState()) {
  const ws = new Workspace({ owner: HR });
  const MailApp = createMailApp(ws, state);
  return { ws, state, MailApp };
}

const many = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@example.it`).join(',');

describe('sendEmail', () => {
  it('gives each message an id of its own, as Gmail does', () => {
    const { MailApp, state } = setup();
    MailApp.sendEmail(ANNA, 'Uno', 'a');
    MailApp.sendEmail(ANNA, 'Due', 'b');
    const ids = state.outbox.map((m) => m.id);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('accepts every documented form and records who sent what, when', () => {
    const { ws, state, MailApp } = setup();
    ws.activeUser = MARIO;
    MailApp.sendEmail(ANNA, 'Esito', 'Approvata');
    MailApp.sendEmail(ANNA, 'Esito', 'Approvata', { cc: HR, htmlBody: '<b>Approvata</b>', name: 'Agorà' });
    MailApp.sendEmail({ to: ANNA, subject: 'Ricevuta', body: 'ok', bcc: HR, replyTo: HR, noReply: true });
    MailApp.sendEmail(ANNA, HR, 'Oggetto', 'Corpo'); // (to, replyTo, subject, body)
    expect(state.outbox.map(({ id: _id, ...m }) => m)).toEqual([
      { to: ANNA, subject: 'Esito', body: 'Approvata', sentAtMs: ws.nowMs, from: MARIO },
      {
        to: ANNA,
        cc: HR,
        subject: 'Esito',
        body: 'Approvata',
        htmlBody: '<b>Approvata</b>',
        name: 'Agorà',
        sentAtMs: ws.nowMs,
        from: MARIO,
      },
      {
        to: ANNA,
        bcc: HR,
        replyTo: HR,
        subject: 'Ricevuta',
        body: 'ok',
        noReply: true,
        sentAtMs: ws.nowMs,
        from: MARIO,
      },
      { to: ANNA, replyTo: HR, subject: 'Oggetto', body: 'Corpo', sentAtMs: ws.nowMs, from: MARIO },
    ]);
  });

  it('refuses bad addresses, no recipient, and more than 50 recipients, sending nothing', () => {
    const { state, MailApp } = setup();
    expect(() => MailApp.sendEmail('xyz', 's', 'b')).toThrow('Invalid email: xyz');
    expect(() => MailApp.sendEmail(`${ANNA}, nope@`, 's', 'b')).toThrow('Invalid email: nope@');
    expect(() => MailApp.sendEmail({ to: '', subject: 's', body: 'b' })).toThrow(
      'Failed to send email: no recipient',
    );
    expect(() => MailApp.sendEmail(many(40), 's', 'b', { cc: many(11) })).toThrow(
      'Limit Exceeded: Email Recipients Per Message.',
    );
    expect(state.outbox).toEqual([]);
    expect(MailApp.getRemainingDailyQuota()).toBe(1500);
    MailApp.sendEmail(`Anna Rossi <${ANNA}>`, 's', 'b'); // a display name is fine
    expect(state.outbox).toHaveLength(1);
  });
});

describe('the daily quota', () => {
  it('counts every recipient, per user', () => {
    const { ws, MailApp } = setup();
    MailApp.sendEmail(`${ANNA},${MARIO}`, 's', 'b', { cc: 'a@example.it', bcc: 'b@example.it' });
    expect(MailApp.getRemainingDailyQuota()).toBe(1496);
    ws.activeUser = ANNA;
    expect(MailApp.getRemainingDailyQuota()).toBe(1500);
  });

  it('stops at 1,500 recipients with Google’s message, sending nothing more', () => {
    const { state, MailApp } = setup();
    for (let i = 0; i < 29; i++) MailApp.sendEmail(many(50), 's', 'b');
    expect(MailApp.getRemainingDailyQuota()).toBe(50);
    MailApp.sendEmail(many(40), 's', 'b');
    expect(() => MailApp.sendEmail(many(11), 's', 'b')).toThrow(QUOTA_ERROR); // 11 > 10 left
    MailApp.sendEmail(many(10), 's', 'b');
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    expect(() => MailApp.sendEmail(ANNA, 's', 'b')).toThrow(QUOTA_ERROR);
    expect(state.outbox).toHaveLength(31);
  });

  it('resets 24 hours after the first send of the window', () => {
    const { ws, state, MailApp } = setup({ ...emptyMailState(), dailyRecipientLimit: 2 });
    MailApp.sendEmail(`${ANNA},${MARIO}`, 's', 'b');
    ws.advance(23 * 3600_000);
    expect(() => MailApp.sendEmail(ANNA, 's', 'b')).toThrow(QUOTA_ERROR);
    ws.advance(3600_000);
    expect(MailApp.getRemainingDailyQuota()).toBe(2);
    MailApp.sendEmail(ANNA, 's', 'b');
    expect(state.quota[HR]).toEqual({ windowStartMs: ws.nowMs, used: 1 });
  });
});

describe('service calls', () => {
  it('are counted', () => {
    const { ws, MailApp } = setup();
    MailApp.sendEmail(ANNA, 's', 'b');
    MailApp.sendEmail(ANNA, 's', 'b');
    MailApp.getRemainingDailyQuota();
    expect(ws.callCount('MailApp', 'sendEmail')).toBe(2);
    expect(ws.callCount('MailApp', 'getRemainingDailyQuota')).toBe(1);
    expect(ws.callCount('MailApp')).toBe(3);
  });

  it('fail where told to, sending nothing and spending no quota', () => {
    const { ws, state, MailApp } = setup();
    ws.failNth('MailApp', 'sendEmail', 1, 'transient');
    expect(() => MailApp.sendEmail(ANNA, 's', 'b')).toThrow('Service unavailable: MailApp');
    expect(state.outbox).toEqual([]);
    expect(MailApp.getRemainingDailyQuota()).toBe(1500);
  });
});

it('sends as the effective user, and throws errors of the script realm', () => {
  const { ws, state, MailApp } = setup();
  ws.activeUser = ANNA;
  ws.effectiveUserOverride = HR; // a web app executing as its owner
  MailApp.sendEmail(MARIO, 's', 'b');
  expect(state.outbox[0].from).toBe(HR);
  expect(state.quota[HR].used).toBe(1);
  class ScriptError extends Error {}
  ws.errorConstructor = ScriptError as ErrorConstructor;
  expect(() => MailApp.sendEmail('xyz', 's', 'b')).toThrow(ScriptError);
});

it('keeps all its data in JSON: a saved state restores outbox and quota', () => {
  const first = setup();
  first.MailApp.sendEmail(`${ANNA},${MARIO}`, 's', 'b');
  const restored = setup(JSON.parse(JSON.stringify(first.state)) as MailState);
  expect(restored.state.outbox).toHaveLength(1);
  expect(restored.MailApp.getRemainingDailyQuota()).toBe(1498);
});
