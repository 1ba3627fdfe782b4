// In-memory MailApp: sent messages go to an outbox in a plain JSON state, with Google's quota.
//
// From developers.google.com/apps-script (reference/mail/mail-app and guides/services/quotas):
// - getRemainingDailyQuota() "Returns the number of recipients you can send emails to for the
//   rest of the day"; "Quotas are based on the number of email recipients": to, cc and bcc each
//   count. Google Workspace accounts get 1,500 recipients per day (consumer accounts 100).
// - "Quotas are per user and reset 24 hours after the first request": so the fake keeps, per
//   sender, a 24-hour window opened by their first send (on the Workspace's fake clock).
// - Over the quota Apps Script throws "Service invoked too many times for one day: email.";
//   more than 50 recipients in one message: "Limit Exceeded: Email Recipients Per Message.";
//   a malformed address: "Invalid email: <address>"; no recipient at all:
//   "Failed to send email: no recipient".
// Mail goes out as, and is counted against, ws.effectiveUser().
import { GOOGLE_ERRORS, type Workspace } from './core';

export interface SentMail {
  /** The message id Gmail gives it (what a Gmail add-on's event names). */
  id: string;
  /** Comma-separated, as given. */
  to: string;
  cc?: string;
  bcc?: string;
  replyTo?: string;
  subject: string;
  body: string;
  htmlBody?: string;
  /** Sender display name. */
  name?: string;
  noReply?: boolean;
  attachments?: number;
  sentAtMs: number;
  /** Who sent it: the effective user (the active user, or the owner of an execute-as-me web app). */
  from: string;
}

export interface MailState {
  outbox: SentMail[];
  /** Recipients per user per 24 hours (Workspace: 1,500). Lower it to test quota handling. */
  dailyRecipientLimit: number;
  /** Per sender: when their current 24-hour window opened, and recipients used in it. */
  quota: Record<string, { windowStartMs: number; used: number }>;
  /** Counter behind message ids, so runs are deterministic. */
  nextMessageSeq: number;
}

export function emptyMailState(): MailState {
  return { outbox: [], dailyRecipientLimit: 1500, quota: {}, nextMessageSeq: 1 };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_RECIPIENTS_PER_MESSAGE = 50;
const ADDRESS = /^[^@\s<>,;"]+@[^@\s<>,;"]+\.[^@\s<>,;"]+$/;

type Params = GoogleAppsScript.Mail.MailAdvancedParameters;
type MailAppFake = Pick<GoogleAppsScript.Mail.MailApp, 'sendEmail' | 'getRemainingDailyQuota'>;

/** Addresses of a comma-separated list; 'Name <a@b.it>' counts as a@b.it. */
function addresses(ws: Workspace, list: string | undefined): string[] {
  if (!list) return [];
  return String(list)
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '')
    .map((a) => {
      const angled = /<([^<>]*)>\s*$/.exec(a);
      const address = (angled ? angled[1] : a).trim();
      if (!ADDRESS.test(address)) throw ws.error(`Invalid email: ${address}`);
      return address;
    });
}

/** MailApp over `state`. Calls are counted as `MailApp.sendEmail` and `MailApp.getRemainingDailyQuota`. */
export function createMailApp(ws: Workspace, state: MailState): MailAppFake {
  const windowOf = (user: string) => {
    const w = state.quota[user];
    if (!w || ws.nowMs >= w.windowStartMs + DAY_MS) return undefined;
    return w;
  };

  return {
    getRemainingDailyQuota(): number {
      ws.call('MailApp', 'getRemainingDailyQuota');
      return Math.max(0, state.dailyRecipientLimit - (windowOf(ws.effectiveUser())?.used ?? 0));
    },

    sendEmail(first: string | Params, second?: string, third?: string, fourth?: string | Params): void {
      ws.call('MailApp', 'sendEmail');
      ws.requireAuthorization('MailApp.sendEmail', 'https://www.googleapis.com/auth/script.send_mail');
      let m: Params;
      if (typeof first === 'object' && first !== null) m = first;
      else if (typeof fourth === 'string') m = { to: first, replyTo: second, subject: third, body: fourth };
      else m = { ...(fourth ?? {}), to: first, subject: second, body: third };

      const recipients = [...addresses(ws, m.to), ...addresses(ws, m.cc), ...addresses(ws, m.bcc)];
      if (m.replyTo) addresses(ws, m.replyTo);
      if (recipients.length === 0) throw ws.error('Failed to send email: no recipient');
      if (recipients.length > MAX_RECIPIENTS_PER_MESSAGE) {
        throw ws.error('Limit Exceeded: Email Recipients Per Message.');
      }
      const user = ws.effectiveUser();
      const window = windowOf(user) ?? { windowStartMs: ws.nowMs, used: 0 };
      if (window.used + recipients.length > state.dailyRecipientLimit)
        throw ws.error(GOOGLE_ERRORS.quota('email'));
      window.used += recipients.length;
      state.quota[user] = window;

      state.nextMessageSeq ??= state.outbox.length + 1;
      const mail: SentMail = {
        id: `18f${(state.nextMessageSeq++).toString(16).padStart(13, '0')}`,
        to: String(m.to ?? ''),
        subject: String(m.subject ?? ''),
        body: String(m.body ?? ''),
        sentAtMs: ws.nowMs,
        from: user,
      };
      if (m.cc) mail.cc = String(m.cc);
      if (m.bcc) mail.bcc = String(m.bcc);
      if (m.replyTo) mail.replyTo = String(m.replyTo);
      if (m.htmlBody !== undefined) mail.htmlBody = String(m.htmlBody);
      if (m.name !== undefined) mail.name = String(m.name);
      if (m.noReply) mail.noReply = true;
      if (m.attachments?.length) mail.attachments = m.attachments.length;
      state.outbox.push(mail);
    },
  };
}
