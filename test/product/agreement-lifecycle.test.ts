// The individual agreement's life through the bundle, from the add-on's cards (running as each
// person, through the owner's web app): Mario proposes Anna's renewal, sends it (its document is
// written from the Docs template into Anna's Drive folder), both accept (each with their verified
// identity and the time), the rules count on it only then, a signed PDF is attached, and Anna
// withdraws: the days after it ends are cancelled at once. The change log, the chain, the Drive
// convention and the Ministry export agree.
import { addOnEvent, type CardInput } from '../../dev/driver';
import { actionResponseJson, type ActionResponseJson, type CardJson } from '../../dev/workspace/card';
import { readDocument } from '../../dev/workspace/document';
import type { MinistryExport } from '../../src/gas/ministry-export';
import { PROPERTY } from '../../src/gas/properties';
import { SHEETS } from '../../src/gas/schema';
import { ANNA, LUCA, MANAGER, OWNER, Product, bundlePath } from '../helpers/product';

beforeAll(() => {
  bundlePath();
});

function act(
  p: Product,
  user: string,
  params: Record<string, string>,
  inputs: Record<string, CardInput> = {},
) {
  return actionResponseJson(
    p.bundle.runAddOn(user, 'onCardAction', addOnEvent({ host: 'SHEETS', parameters: params, inputs })),
  );
}
const note = (r: ActionResponseJson | null) => r?.renderActions.action.notification?.text ?? '';
function cardOf(r: ActionResponseJson | null): CardJson | null {
  for (const step of r?.renderActions.action.navigations ?? []) {
    if ('pushCard' in step) return step.pushCard;
    if ('updateCard' in step) return step.updateCard;
  }
  return null;
}
/** The buttons of a card: their text and the `azione` (or link) behind them. */
function buttonsOf(card: CardJson | null): { text: string; azione: string; chiave: string; url: string }[] {
  const out: { text: string; azione: string; chiave: string; url: string }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.text === 'string' && o.onClick && typeof o.onClick === 'object') {
        const click = o.onClick as {
          action?: { parameters?: { key: string; value: string }[] };
          openLink?: { url: string };
        };
        const param = (k: string) => click.action?.parameters?.find((x) => x.key === k)?.value ?? '';
        out.push({
          text: o.text,
          azione: param('azione'),
          chiave: param('chiave'),
          url: click.openLink?.url ?? '',
        });
      }
      for (const x of Object.values(o)) walk(x);
    }
  };
  walk(card);
  return out;
}

/** Anna's rows of Accordi, by header. */
function annaRows(p: Product): Record<string, unknown>[] {
  const values = p.values(SHEETS.agreements.name);
  const header = values[0].map(String);
  return values
    .slice(1)
    .filter((r) => r[header.indexOf('Dipendente')] === ANNA)
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** A Drive item and its path of names below Agorà's folder. */
function driveItem(p: Product, id: string): { name: string; path: string[]; content: string | null } {
  const items = p.state.drive.items;
  const root = p.property(PROPERTY.driveRootId);
  const path: string[] = [];
  let at = items[id];
  for (let guard = 0; at && at.id !== root && guard < 10; guard++) {
    path.unshift(at.name);
    at = items[at.parents[0]];
  }
  return { name: items[id].name, path, content: items[id].content };
}
const docId = (url: string) => /\/d\/([\w-]+)/.exec(url)?.[1] ?? '';

describe('an agreement from proposal to withdrawal, from the add-on', () => {
  test('proposed, sent, accepted by both, in force, its PDF attached, then withdrawn', () => {
    const p = Product.start({ at: '2026-12-02T09:00' });
    // Setup made the template in Agorà's folder.
    const templateId = p.property(PROPERTY.agreementTemplateId) as string;
    expect(driveItem(p, templateId).path).toEqual(['Agorà — Modello di accordo individuale']);

    // Mario's agreements card: Anna's 2026 agreement is expiring, he may propose the next one.
    const list = cardOf(act(p, MANAGER, { azione: 'agreements', nav: 'push' }));
    expect(buttonsOf(list).map((b) => b.text)).toContain('Nuovo accordo per Anna Rossi');

    // Anna cannot propose her own; Luca cannot propose Anna's.
    const inputs = {
      dal: { date: '2027-01-01' },
      fasce: '09:00-13:00; 14:30-16:30',
      strumentazione: 'employer',
      progetto: 'Sportello digitale',
    };
    expect(note(act(p, ANNA, { azione: 'agreement-propose', dipendente: ANNA }, inputs))).toBe(
      'Il tuo accordo lo propone il tuo responsabile o il servizio personale.',
    );
    expect(note(act(p, LUCA, { azione: 'agreement-propose', dipendente: ANNA }, inputs))).toMatch(
      /Solo il responsabile/,
    );
    // A period overlapping the current agreement is refused, and nothing is written.
    expect(
      note(
        act(
          p,
          MANAGER,
          { azione: 'agreement-propose', dipendente: ANNA },
          { ...inputs, dal: { date: '2026-12-15' } },
        ),
      ),
    ).toMatch(/^Si sovrappone all'accordo dal 2026-01-01 al 2026-12-31/);
    expect(
      note(
        act(p, MANAGER, { azione: 'agreement-propose', dipendente: ANNA }, { ...inputs, fasce: 'sempre' }),
      ),
    ).toMatch(/fasce di contattabilità/);
    expect(annaRows(p)).toHaveLength(1);

    const proposed = act(p, MANAGER, { azione: 'agreement-propose', dipendente: ANNA }, inputs);
    expect(note(proposed)).toBe(
      'Proposta registrata per Anna Rossi: dal venerdì 1 gennaio 2027 a tempo indeterminato.',
    );
    const [, draft] = annaRows(p);
    expect(draft).toMatchObject({
      Progetto: 'Sportello digitale',
      'Proposto da': MANAGER,
      'Fasce di contattabilità': '09:00-13:00; 14:30-16:30',
    });
    const key = String(draft.ID);
    expect(key).toMatch(/^ACC-[0-9A-F]{8}$/);
    // A draft is not an agreement for the rules: a request for January is refused.
    p.submit(ANNA, ['2027-01-05']);
    expect(p.day(ANNA, '2027-01-05').status).toBe('refused');

    // Anna cannot accept before it is sent; Mario sends it.
    expect(note(act(p, ANNA, { azione: 'agreement-accept', chiave: key }))).toBe(
      "L'accordo non è ancora stato inviato per l'accettazione.",
    );
    const sent = act(p, MANAGER, { azione: 'agreement-send', chiave: key });
    expect(note(sent)).toBe("Accordo di Anna Rossi inviato per l'accettazione.");
    const documentUrl = String(annaRows(p)[1].Documento);
    const doc = driveItem(p, docId(documentUrl));
    // Root / organisation / sector / "Name email" / the agreement, named from the record.
    expect(doc.path.slice(-2)).toEqual([
      `Anna Rossi ${ANNA}`,
      'Accordo di lavoro agile - Anna Rossi - dal 2027-01-01',
    ]);
    expect(doc.path).toHaveLength(4);
    const text = readDocument(doc.content)
      .map((x) => x.text)
      .join('\n');
    expect(text).not.toContain('{{');
    expect(text).toContain('e Anna Rossi (codice fiscale');
    expect(text).toContain("L'accordo vale dal venerdì 1 gennaio 2027 a tempo indeterminato.");
    expect(text).toContain('contattabile nelle fasce: 09:00–13:00; 14:30–16:30');
    expect(text).toContain('Dalle 20:00 alle 07:00');
    expect(text).toContain('Progetto di lavoro agile del settore: Sportello digitale');
    expect(text).toContain('preavviso di almeno 30 giorni');
    // A second send is refused (nothing twice).
    expect(note(act(p, MANAGER, { azione: 'agreement-send', chiave: key }))).toBe(
      "L'accordo è già stato inviato per l'accettazione.",
    );
    p.runTimersUntil('2026-12-02T10:10');
    const asked = p.mails().filter((m) => m.subject === 'Accordo di lavoro agile da accettare: Anna Rossi');
    expect(asked.map((m) => m.to).sort()).toEqual([ANNA, MANAGER].sort());
    expect(asked[0].body).toContain(documentUrl);

    // Anna's card offers «Accetto»; Luca's does not reach her agreement.
    const annaCard = cardOf(act(p, ANNA, { azione: 'agreements', nav: 'push' }));
    expect(
      buttonsOf(annaCard)
        .filter((b) => b.chiave === key || b.url === documentUrl)
        .map((b) => b.text),
    ).toEqual(['Accetto', 'Leggi l’accordo']);
    expect(note(act(p, LUCA, { azione: 'agreement-accept', chiave: key }))).toBe(
      "Accettano l'accordo solo il dipendente e il suo responsabile.",
    );
    p.at('2026-12-03T11:15');
    expect(note(act(p, ANNA, { azione: 'agreement-accept', chiave: key }))).toBe(
      `Accettazione registrata (${ANNA}, 2026-12-03 11:15). Manca quella del responsabile.`,
    );
    expect(note(act(p, ANNA, { azione: 'agreement-accept', chiave: key }))).toBe(
      'Hai già accettato questo accordo.',
    );
    p.submit(ANNA, ['2027-01-07']);
    expect(p.day(ANNA, '2027-01-07').status).toBe('refused');
    p.at('2026-12-03T16:40');
    expect(note(act(p, MANAGER, { azione: 'agreement-accept', chiave: key }))).toBe(
      'Accordo firmato da entrambi: vale dal venerdì 1 gennaio 2027 a tempo indeterminato.',
    );
    const signed = annaRows(p)[1];
    expect(signed['Accettazione del dipendente']).toBe(`${ANNA} · 2026-12-03 11:15`);
    expect(signed['Accettazione del responsabile']).toBe(`${MANAGER} · 2026-12-03 16:40`);
    // In force now: the rules count on it.
    p.submit(ANNA, ['2027-01-08', '2027-02-10']);
    expect(p.day(ANNA, '2027-01-08').status).toBe('pending');
    expect(
      p
        .approve(MANAGER, [
          { employee: ANNA, date: '2027-01-08' },
          { employee: ANNA, date: '2027-02-10' },
        ])
        .every((r) => r.ok),
    ).toBe(true);

    // The Ministry export lists its start.
    const exported = p.bundle.run(OWNER, 'exportMinistryNotices') as MinistryExport;
    expect(exported.rows.filter((r) => r.includes('01/01/2027'))).toHaveLength(1);

    // The signed PDF: not shared with the owner, refused; shared, copied into Anna's folder.
    const pdfId = p.as(ANNA, () =>
      p.globals.DriveApp.createFile('accordo firmato.pdf', '%PDF-1.7 firmato', 'application/pdf').getId(),
    );
    const pdfUrl = `https://drive.google.com/file/d/${pdfId}/view`;
    expect(note(act(p, ANNA, { azione: 'agreement-attach', chiave: key }, { link: pdfUrl }))).toBe(
      `Non riesco ad aprire il file: condividilo con ${OWNER} e riprova.`,
    );
    p.as(ANNA, () => p.globals.DriveApp.getFileById(pdfId).addViewer(OWNER));
    // A PDF the owner can open but Anna did not upload (HR's, say) is never copied for her.
    const hrPdf = p.asOwner(() =>
      p.globals.DriveApp.createFile('riservato.pdf', '%PDF-1.7 riservato', 'application/pdf').getId(),
    );
    expect(
      note(
        act(
          p,
          ANNA,
          { azione: 'agreement-attach', chiave: key },
          { link: `https://drive.google.com/file/d/${hrPdf}/view` },
        ),
      ),
    ).toBe('Allega un PDF che hai caricato tu nel tuo Drive.');
    expect(note(act(p, ANNA, { azione: 'agreement-attach', chiave: key }, { link: pdfUrl }))).toBe(
      'PDF firmato allegato nella cartella della persona.',
    );
    const pdf = driveItem(p, docId(String(annaRows(p)[1]['PDF firmato'])));
    expect(pdf.path.slice(-2)).toEqual([
      `Anna Rossi ${ANNA}`,
      'Accordo firmato - Anna Rossi - dal 2027-01-01.pdf',
    ]);

    // The register check: the change log's chain, the days and the Drive convention hold.
    p.bundle.run(OWNER, 'checkRegister');
    expect(p.problems()).toEqual([]);

    // 5 January: Anna withdraws (indefinite term, 30 days): her last day is 3 February.
    p.at('2027-01-05T09:00');
    expect(
      note(act(p, ANNA, { azione: 'agreement-withdraw', chiave: key }, { motivazione: 'Rientro in sede' })),
    ).toBe(
      "Recesso registrato: l'accordo di Anna Rossi termina con l'ultimo giorno mercoledì 3 febbraio 2027.",
    );
    expect(p.day(ANNA, '2027-01-08').status).toBe('approved');
    expect(p.day(ANNA, '2027-02-10').status).toBe('cancelled');
    expect(annaRows(p)[1]).toMatchObject({
      'Recesso da': 'dipendente',
      'Giustificato motivo': 'no',
      'Motivo del recesso': 'Rientro in sede',
    });
    expect(note(act(p, MANAGER, { azione: 'agreement-withdraw', chiave: key }))).toBe(
      'Il recesso da questo accordo è già stato comunicato.',
    );
    p.at('2027-01-05T10:10');
    p.runTimers();
    const told = p.mails().filter((m) => m.subject === "Recesso dall'accordo di lavoro agile: Anna Rossi");
    expect(told.map((m) => m.to).sort()).toEqual([ANNA, MANAGER].sort());

    // Mario's card groups his sector's agreements by project.
    const teamCard = JSON.stringify(cardOf(act(p, MANAGER, { azione: 'agreements', nav: 'push' })));
    expect(teamCard).toContain('"topLabel":"Progetti"');
    expect(teamCard).toContain('Sportello digitale (1 accordo)');
    // Every step has its line in the change log, by whom.
    expect(
      p
        .audit()
        .filter((l) => l.action === 'agreement')
        .map((l) => [l.by, l.detail.replace(key, 'K')]),
    ).toEqual([
      [MANAGER, 'Accordo K: proposto dal venerdì 1 gennaio 2027 a tempo indeterminato'],
      [MANAGER, 'Accordo K: inviato per accettazione'],
      [ANNA, 'Accordo K: accettato dal dipendente'],
      [MANAGER, 'Accordo K: accettato dal responsabile (firmato da entrambi)'],
      [ANNA, 'Accordo K: allegato il PDF firmato'],
      [ANNA, "Accordo K: recesso del dipendente: termina con l'ultimo giorno mercoledì 3 febbraio 2027"],
    ]);
    p.bundle.run(OWNER, 'checkRegister');
    expect(p.problems()).toEqual([]);
  });

  test('withdrawn before its first day: the start the Ministry received is cancelled («A», naming its code)', () => {
    const p = Product.start({ at: '2026-12-02T09:00' });
    const inputs = { dal: { date: '2027-01-01' }, fasce: '09:00-13:00', strumentazione: 'employer' };
    act(p, MANAGER, { azione: 'agreement-propose', dipendente: ANNA }, inputs);
    const key = String(annaRows(p)[1].ID);
    act(p, MANAGER, { azione: 'agreement-send', chiave: key });
    act(p, ANNA, { azione: 'agreement-accept', chiave: key });
    act(p, MANAGER, { azione: 'agreement-accept', chiave: key });
    const starts = () =>
      (p.bundle.run(OWNER, 'exportMinistryNotices') as MinistryExport).rows.filter(
        (r) => r[13] === '01/01/2027',
      );
    expect(starts().map((r) => r[15])).toEqual(['I']);
    // HR records the start's receipt; then Mario withdraws for a justified reason, before 1 January.
    const notices = p.values(SHEETS.notices.name);
    const row = notices.findIndex((r) => String(r[0]).startsWith(`${ANNA}/2027-01-01/start`)) + 1;
    p.userEdit(OWNER, SHEETS.notices.name, `F${row}`, 'MLPS-2026-0042');
    p.at('2026-12-10T09:00');
    expect(
      note(
        act(
          p,
          MANAGER,
          { azione: 'agreement-withdraw', chiave: key },
          { 'giustificato-motivo': 'sì', motivazione: 'Trasferimento' },
        ),
      ),
    ).toBe("Recesso registrato: l'accordo di Anna Rossi termina prima di iniziare.");
    expect(starts().map((r) => [r[15], r[16]])).toEqual([['A', 'MLPS-2026-0042']]);
  });

  test('a justified withdrawal needs its reason; a fixed-term one needs a justified reason', () => {
    const p = Product.start({ at: '2026-12-02T09:00' });
    const key = `${ANNA}|2026-01-01`; // the agreement HR typed
    expect(
      note(act(p, ANNA, { azione: 'agreement-withdraw', chiave: key }, { 'giustificato-motivo': 'sì' })),
    ).toBe('Scrivi il giustificato motivo del recesso.');
    expect(note(act(p, ANNA, { azione: 'agreement-withdraw', chiave: key }))).toMatch(
      /^Un accordo a tempo determinato si può recedere prima della scadenza solo per giustificato motivo/,
    );
    expect(note(act(p, LUCA, { azione: 'agreement-withdraw', chiave: key }))).toMatch(
      /^Recedono dall'accordo solo/,
    );
    expect(annaRows(p)[0]['Recesso: preavviso del']).toBe('');
  });
});
