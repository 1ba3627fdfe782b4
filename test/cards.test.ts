// `npm run --silent cards -- --json`: the add-on's cards for the demo organisation, every host ×
// role homepage and the Gmail card of a real digest, as Card.printJson() prints them. Each is
// checked as a person (and Google's renderer) would meet it.
import { CARD_ROLES, demoCards, HOSTS, type CardLine } from '../dev/cards/cards';
import type { WidgetJson } from '../dev/workspace/card';
import { bundlePath } from './helpers/bundle';

let lines: CardLine[];
beforeAll(() => {
  lines = demoCards({ codePath: bundlePath() });
}, 240_000);

const KNOWN_WIDGETS = [
  'decoratedText',
  'textParagraph',
  'buttonList',
  'selectionInput',
  'textInput',
  'dateTimePicker',
  'divider',
  'grid',
  'image',
];

function walk(v: unknown, visit: (key: string, value: unknown) => void): void {
  if (Array.isArray(v)) v.forEach((x) => walk(x, visit));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      visit(k, x);
      walk(x, visit);
    }
}

test('a homepage for every host and role, and the Gmail card of a digest', () => {
  const keys = lines.map((l) => `${l.host} ${l.role} ${l.context}`);
  for (const host of HOSTS) for (const role of CARD_ROLES) expect(keys).toContain(`${host} ${role} homepage`);
  expect(keys).toContain('gmail manager digest');
  expect(lines).toHaveLength(HOSTS.length * CARD_ROLES.length + 1);
});

test('each card is a Google card: a header, sections with known widgets, actions to onCardAction or links', () => {
  for (const l of lines) {
    // The homepage carries the add-on's name; other cards say what they are, under it.
    if (l.context === 'homepage') expect(l.card.header?.title).toBe('Agorà — lavoro agile');
    else
      expect([l.card.header?.title, l.card.header?.subtitle]).toEqual([
        'Da approvare',
        'Agorà — lavoro agile',
      ]);
    expect(l.card.sections?.length).toBeGreaterThan(0);
    for (const s of l.card.sections ?? []) {
      expect(s.widgets.length).toBeGreaterThan(0);
      for (const w of s.widgets as WidgetJson[]) expect(KNOWN_WIDGETS).toContain(Object.keys(w)[0]);
    }
    walk(l.card, (key, value) => {
      if (key === 'action') expect((value as { function: string }).function).toBe('onCardAction');
      if (key === 'openLink') expect((value as { url: string }).url).toMatch(/^https:\/\//);
    });
    // What people read: no ISO date, no id, no English code.
    walk(l.card, (key, value) => {
      if (
        typeof value !== 'string' ||
        !['text', 'topLabel', 'bottomLabel', 'title', 'subtitle', 'header'].includes(key)
      )
        return;
      expect([l.host, l.role, value]).not.toEqual([
        l.host,
        l.role,
        expect.stringMatching(/\d{4}-\d{2}-\d{2}|[A-Z]{4,}_[A-Z]+|\bhome\b|\bpending\b|@/),
      ]);
    });
  }
});

test('the roles see what they should: HR the register, managers what waits, employees their own days', () => {
  const text = (role: string) =>
    JSON.stringify(lines.find((l) => l.role === role && l.context === 'homepage')?.card);
  expect(text('hr')).toContain('Servizio personale');
  expect(text('manager')).toContain('2 giornate di 1 persona');
  expect(text('employee')).toContain('Le mie giornate');
  expect(text('employee')).not.toContain('Servizio personale');
});

test("the digest's card lists exactly its days, each with a box to tick, and approve/reject at the bottom", () => {
  const digest = lines.find((l) => l.context === 'digest')?.card;
  const boxes: string[] = [];
  walk(digest, (key, value) => {
    if (key === 'switchControl') boxes.push((value as { value: string }).value);
  });
  expect(boxes).toHaveLength(2);
  for (const b of boxes) expect(b).toMatch(/^roberta\.rinaldi@terredargine\.example\|\d{4}-\d{2}-\d{2}$/);
  expect(digest?.fixedFooter?.primaryButton?.text).toBe('Approva selezionate');
  expect(digest?.fixedFooter?.secondaryButton?.text).toBe('Rifiuta…');
});
