// The add-on's cards for the demo organisation, as Google's Card.printJson() prints them: each
// host (Sheets, Gmail, Calendar) × role (employee, manager, delegate, HR) homepage, and the Gmail
// card of a real digest mail (`npm run --silent cards -- --json`). Built through the product, as
// the playground builds the demo: every card is what the bundle returned for that person.
import { addOnEvent } from '../driver';
import { addDays } from '../../src/domain/dates';
import { toRomeLocal } from '../../src/domain/rome-time';
import { chooseCast, nextWorkingDay } from '../access/matrix';
import { buildDemoOrganisation, HR_ACCOUNT, type DemoOrganisation } from '../playground/demo-org';
import { seedWorkspace } from '../playground/seed';
import { WorkspaceHandle } from '../playground/workspace-handle';
import { cardJson, type CardJson } from '../workspace/card';
import { messageAccessToken, mailboxOf } from '../workspace/gmail';

export const HOSTS = ['sheets', 'gmail', 'calendar'] as const;
export const CARD_ROLES = ['employee', 'manager', 'delegate', 'hr'] as const;

export interface CardLine {
  host: (typeof HOSTS)[number];
  role: (typeof CARD_ROLES)[number];
  /** What the card is: the homepage, or the card of an open mail. */
  context: 'homepage' | 'digest';
  card: CardJson;
}

export function demoCards(opts: {
  codePath: string;
  org?: DemoOrganisation;
  log?: (m: string) => void;
}): CardLine[] {
  const org = opts.org ?? buildDemoOrganisation();
  const cast = chooseCast(org);
  const people: Record<(typeof CARD_ROLES)[number], string> = {
    employee: cast.people.employee,
    manager: cast.people.manager,
    delegate: cast.people.delegate,
    hr: cast.people['hr-admin'],
  };
  opts.log?.('Organizzazione dimostrativa…');
  const handle = new WorkspaceHandle({ codePath: opts.codePath, owner: HR_ACCOUNT });
  seedWorkspace(handle, org);
  // The employee asks for two days through the Form; an hour later the manager has the digest.
  const today = toRomeLocal(handle.ws.nowMs).date;
  const first = nextWorkingDay(today, cast.seat);
  handle.submitForm(people.employee, {
    dates: [first, nextWorkingDay(addDays(first, 1), cast.seat)],
    location: 'Casa',
    note: 'Redazione del piano annuale',
  });
  handle.workspace.testing.runTimeTriggersUntil(handle.ws.nowMs + 70 * 60_000);
  const run = (user: string, fn: string, event: Record<string, unknown>): CardJson => {
    const card = cardJson(handle.bundle.runAddOn(user, fn, event));
    if (!card) throw new Error(`${fn} as ${user} returned no card`);
    return card;
  };
  const lines: CardLine[] = [];
  for (const host of HOSTS)
    for (const role of CARD_ROLES)
      lines.push({
        host,
        role,
        context: 'homepage',
        card: run(people[role], 'onHomepage', addOnEvent({ host: host.toUpperCase() as 'SHEETS' })),
      });
  // The newest digest in the manager's mailbox, opened in Gmail.
  const digest = mailboxOf(handle.state.mail, people.manager)
    .filter((m) => m.subject.startsWith('Da approvare'))
    .sort((a, b) => b.sentAtMs - a.sentAtMs)[0];
  if (!digest) throw new Error('the demo organisation has no digest for the manager');
  const gmail = { messageId: digest.id, accessToken: messageAccessToken(people.manager, digest.id) };
  lines.push({
    host: 'gmail',
    role: 'manager',
    context: 'digest',
    card: run(people.manager, 'onGmailMessage', addOnEvent({ host: 'GMAIL', gmail })),
  });
  return lines;
}
