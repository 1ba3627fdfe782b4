// GmailApp as a Gmail add-on uses it: reading the message the user has open. The messages are
// the mails MailApp sent (mail.ts), in the inbox of each of their recipients.
//
// From developers.google.com/apps-script/reference/gmail/gmail-app and the Gmail add-on guides
// ("Extending Gmail with contextual triggers"): a contextual trigger's event carries
// `gmail.messageId` and `gmail.accessToken`; the add-on calls
// `GmailApp.setCurrentMessageAccessToken(e.gmail.accessToken)` and then
// `GmailApp.getMessageById(e.gmail.messageId)`. The token is "a temporary access token" for the
// open message only: without it (or for another message) the add-on cannot read it. Outside an
// add-on, a script reads only messages of its own user's mailbox.
import type { Workspace } from './core';
import type { MailState, SentMail } from './mail';
import type { ScriptRuntime } from './script';

const NOT_FOUND = 'Invalid argument: id';
const NO_TOKEN =
  'Access denied: the current message access token is missing or is not for this message (GmailApp.setCurrentMessageAccessToken).';

/** The access token Gmail gives an add-on for one open message of one user. */
export function messageAccessToken(user: string, messageId: string): string {
  return `gmail-msg-token.${Buffer.from(`${user} ${messageId}`).toString('base64url')}`;
}

const recipients = (m: SentMail): string[] =>
  [m.to, m.cc ?? '', m.bcc ?? '']
    .join(',')
    .split(',')
    .map((a) => (/<([^<>]*)>\s*$/.exec(a)?.[1] ?? a).trim().toLowerCase())
    .filter(Boolean);

/** The messages in `user`'s mailbox: sent to them, or by them. */
export function mailboxOf(state: MailState, user: string): SentMail[] {
  const me = user.toLowerCase();
  return state.outbox.filter((m) => recipients(m).includes(me) || m.from.toLowerCase() === me);
}

class FakeGmailMessage {
  constructor(
    private readonly ws: Workspace,
    private readonly mail: SentMail,
  ) {}
  private call(method: string): void {
    this.ws.call('GmailApp', `GmailMessage.${method}`);
  }
  getId(): string {
    this.call('getId');
    return this.mail.id;
  }
  getSubject(): string {
    this.call('getSubject');
    return this.mail.subject;
  }
  getPlainBody(): string {
    this.call('getPlainBody');
    return this.mail.body;
  }
  getBody(): string {
    this.call('getBody');
    return this.mail.htmlBody ?? this.mail.body;
  }
  getFrom(): string {
    this.call('getFrom');
    return this.mail.name ? `${this.mail.name} <${this.mail.from}>` : this.mail.from;
  }
  getTo(): string {
    this.call('getTo');
    return this.mail.to;
  }
  getDate(): Date {
    this.call('getDate');
    return new Date(this.mail.sentAtMs);
  }
}

export function createGmailApp(ws: Workspace, state: MailState, runtime: ScriptRuntime) {
  let currentToken: string | null = null;
  let tokenExecution = -1;
  return {
    setCurrentMessageAccessToken(accessToken: string): void {
      ws.call('GmailApp', 'GmailApp.setCurrentMessageAccessToken');
      currentToken = String(accessToken);
      tokenExecution = runtime.executionId();
    },
    getMessageById(id: string): GoogleAppsScript.Gmail.GmailMessage {
      ws.call('GmailApp', 'GmailApp.getMessageById');
      const user = ws.effectiveUser();
      const mail = mailboxOf(state, user).find((m) => m.id === String(id));
      if (!mail) throw ws.error(NOT_FOUND);
      const inAddOn = runtime.currentKind() === 'addon';
      if (inAddOn) {
        const valid =
          currentToken === messageAccessToken(user, mail.id) && tokenExecution === runtime.executionId();
        if (!valid) throw ws.error(NO_TOKEN);
      } else {
        ws.requireAuthorization('GmailApp.getMessageById', 'https://mail.google.com/');
      }
      return new FakeGmailMessage(ws, mail) as unknown as GoogleAppsScript.Gmail.GmailMessage;
    },
  };
}
