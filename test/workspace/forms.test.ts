// The FormApp fake: items, responses, and the form-submit trigger with Google's event shape.
import { createWorkspace, DEFAULT_BOUND_SPREADSHEET } from '../../dev/workspace';
import type { ScriptFunction } from '../../dev/workspace/script';

const OWNER = 'hr@example.it';
const ANNA = 'anna.rossi@example.it';

type SubmitEvent = GoogleAppsScript.Events.FormsOnFormSubmit;

/** setPublished is newer than @types/google-apps-script. */
type Publishable = { setPublished(enabled: boolean): unknown };

/** A form made on 2 November 2026 (after 30 June 2026: it starts unpublished) and published. */
function setup() {
  const w = createWorkspace({
    owner: OWNER,
    nowMs: Date.UTC(2026, 10, 2, 8, 0),
    boundSpreadsheet: DEFAULT_BOUND_SPREADSHEET,
  });
  const { FormApp } = w.globals;
  const form = FormApp.create('Richiesta lavoro agile');
  (form as unknown as Publishable).setPublished(true);
  form.setCollectEmail(true);
  const date = form.addDateItem().setTitle('Data').setRequired(true);
  const location = form.addListItem().setTitle('Luogo');
  location.setChoiceValues(['Casa', 'Municipio di Soliera']);
  const note = form.addParagraphTextItem().setTitle('Nota');
  const days = form.addCheckboxItem().setTitle('Giorni').setChoiceValues(['lun', 'mar']);
  return { ...w, FormApp, form, date, location, note, days };
}

/** Points the runtime at `handlers`, as the vm loader points it at the bundle. */
function useHandlers(
  runtime: ReturnType<typeof createWorkspace>['runtime'],
  handlers: Record<string, ScriptFunction>,
) {
  runtime.resolveFunction = (name) => handlers[name];
}

describe('items', () => {
  test('are listed in order with their types and converted with asXxxItem', () => {
    const { form, FormApp } = setup();
    const items = form.getItems();
    expect(items.map((i) => [i.getTitle(), String(i.getType()), i.getIndex()])).toEqual([
      ['Data', 'DATE', 0],
      ['Luogo', 'LIST', 1],
      ['Nota', 'PARAGRAPH_TEXT', 2],
      ['Giorni', 'CHECKBOX', 3],
    ]);
    expect(form.getItems(FormApp.ItemType.LIST as never).map((i) => i.getTitle())).toEqual(['Luogo']);
    expect(
      items[1]
        .asListItem()
        .getChoices()
        .map((c) => c.getValue()),
    ).toEqual(['Casa', 'Municipio di Soliera']);
    expect(() => items[2].asDateItem()).toThrow('Invalid conversion for item type: PARAGRAPH_TEXT');
    expect(form.getItemById(items[0].getId())?.asDateItem().isRequired()).toBe(true);
  });

  test('can be moved and deleted', () => {
    const { form, note } = setup();
    form.moveItem(2, 0);
    expect(form.getItems()[0].getTitle()).toBe('Nota');
    form.deleteItem(form.getItems()[0]);
    expect(form.getItemById(note.getId())).toBeNull();
    expect(form.getItems()).toHaveLength(3);
  });

  test('choice items refuse answers that are not among their choices', () => {
    const { location, days } = setup();
    expect(() => location.createResponse('Spiaggia')).toThrow('Invalid response submitted to item "Luogo".');
    expect(days.createResponse(['lun', 'mar']).getResponse()).toEqual(['lun', 'mar']);
    expect(() => days.createResponse(['dom'])).toThrow('Invalid response');
    days.showOtherOption(true);
    expect(days.createResponse(['dom']).getResponse()).toEqual(['dom']);
  });

  test('a date answer is the day in the script time zone, as YYYY-MM-DD', () => {
    const { date } = setup();
    // 23:30 UTC on 8 November is already 9 November in Rome.
    expect(date.createResponse(new Date(Date.UTC(2026, 10, 8, 23, 30))).getResponse()).toBe('2026-11-09');
  });
});

describe('responses', () => {
  test('a script builds and submits one; the respondent is the signed-in user when emails are collected', () => {
    const { form, ws, date, location, days } = setup();
    ws.activeUser = ANNA;
    const submitted = form
      .createResponse()
      .withItemResponse(date.createResponse(new Date(Date.UTC(2026, 10, 9, 9))))
      .withItemResponse(location.createResponse('Casa'))
      .withItemResponse(days.createResponse(['mar']))
      .submit();
    expect(submitted.getRespondentEmail()).toBe(ANNA);
    expect(submitted.getTimestamp().getTime()).toBe(ws.nowMs);
    const [stored] = form.getResponses();
    expect(stored.getId()).toBe(submitted.getId());
    expect(stored.getItemResponses().map((r) => [r.getItem().getTitle(), r.getResponse()])).toEqual([
      ['Data', '2026-11-09'],
      ['Luogo', 'Casa'],
      ['Giorni', ['mar']],
    ]);
    expect(form.getResponse(submitted.getId()).getRespondentEmail()).toBe(ANNA);
  });

  test('without email collection the respondent email is empty', () => {
    const { form, testing } = setup();
    form.setCollectEmail(false);
    const { response } = testing.forms.submit(form.getId(), ANNA, { Data: '2026-11-09' });
    expect(response.respondentEmail).toBe('');
  });

  test('typed emails can claim anyone (RESPONDER_INPUT)', () => {
    const { form, testing } = setup();
    (form as unknown as { setEmailCollectionType(t: string): void }).setEmailCollectionType(
      'RESPONDER_INPUT',
    );
    const { response } = testing.forms.submit(
      form.getId(),
      ANNA,
      { Data: '2026-11-09' },
      { typedEmail: 'boss@example.it' },
    );
    expect(response.respondentEmail).toBe('boss@example.it');
  });

  test('required items must be answered; a closed form takes no response', () => {
    const { form, testing } = setup();
    expect(() => testing.forms.submit(form.getId(), ANNA, { Nota: 'ciao' })).toThrow(
      'This is a required question: "Data".',
    );
    form.setAcceptingResponses(false);
    expect(() => testing.forms.submit(form.getId(), ANNA, { Data: '2026-11-09' })).toThrow(
      'no longer accepting responses',
    );
    expect(form.getResponses()).toHaveLength(0);
  });

  test('the test helper takes raw text for any item, even an impossible date', () => {
    const { form, testing } = setup();
    testing.forms.submit(form.getId(), ANNA, { Data: '2027-02-30', Nota: '=HYPERLINK("x")' });
    const [r] = form.getResponses();
    expect(r.getItemResponses().map((x) => x.getResponse())).toEqual(['2027-02-30', '=HYPERLINK("x")']);
  });
});

describe('form-submit triggers', () => {
  test('run as the trigger owner with Google’s event shape; the respondent is the submitter', () => {
    const { form, testing, ws, globals, runtime } = setup();
    const trigger = globals.ScriptApp.newTrigger('onFormSubmit').forForm(form).onFormSubmit().create();
    const calls: { event: SubmitEvent; activeUser: string; effectiveUser: string }[] = [];
    useHandlers(runtime, {
      onFormSubmit: (e) =>
        calls.push({
          event: e as SubmitEvent,
          activeUser: globals.Session.getActiveUser().getEmail(),
          effectiveUser: globals.Session.getEffectiveUser().getEmail(),
        }),
    });
    ws.activeUser = 'someone.else@example.it';
    const { executions } = testing.forms.submit(form.getId(), ANNA, { Data: '2026-11-09', Luogo: 'Casa' });
    expect(calls).toHaveLength(1);
    const [{ event, activeUser, effectiveUser }] = calls;
    expect(Object.keys(event).sort()).toEqual(['authMode', 'response', 'source', 'triggerUid']);
    expect(String(event.authMode)).toBe('FULL');
    expect(event.triggerUid).toBe(trigger.getUniqueId());
    expect(event.source.getId()).toBe(form.getId());
    expect(event.response.getRespondentEmail()).toBe(ANNA);
    expect(event.response.getItemResponses().map((r) => r.getResponse())).toEqual(['2026-11-09', 'Casa']);
    expect([activeUser, effectiveUser]).toEqual([OWNER, OWNER]);
    expect(ws.activeUser).toBe('someone.else@example.it');
    expect(executions.map((e) => [e.functionName, e.kind, e.user, e.status])).toEqual([
      ['onFormSubmit', 'trigger', OWNER, 'completed'],
    ]);
  });

  test('a failing handler does not fail the submission: the failure is recorded', () => {
    const { form, testing, globals, runtime } = setup();
    globals.ScriptApp.newTrigger('onFormSubmit').forForm(form.getId()).onFormSubmit().create();
    globals.ScriptApp.newTrigger('missingHandler').forForm(form.getId()).onFormSubmit().create();
    useHandlers(runtime, {
      onFormSubmit: () => {
        throw new Error('boom');
      },
    });
    const { executions } = testing.forms.submit(form.getId(), ANNA, { Data: '2026-11-09' });
    expect(form.getResponses()).toHaveLength(1);
    expect(executions.map((e) => [e.functionName, e.status, e.error])).toEqual([
      ['onFormSubmit', 'failed', 'boom'],
      ['missingHandler', 'failed', 'Script function not found: missingHandler'],
    ]);
    expect(runtime.triggerErrors).toHaveLength(2);
  });

  test('a response submitted by a running script fires the trigger after that execution ends', () => {
    const { form, globals, runtime, date } = setup();
    globals.ScriptApp.newTrigger('onFormSubmit').forForm(form).onFormSubmit().create();
    const order: string[] = [];
    useHandlers(runtime, { onFormSubmit: () => order.push('trigger') });
    runtime.execute({ functionName: 'submitter', kind: 'editor', user: ANNA, hasUi: true }, () => {
      form.createResponse().withItemResponse(date.createResponse(new Date())).submit();
      order.push('script ends');
    });
    expect(order).toEqual(['script ends', 'trigger']);
  });

  test('triggers of other forms do not run', () => {
    const { form, testing, globals, runtime, FormApp } = setup();
    const other = FormApp.create('Altro');
    globals.ScriptApp.newTrigger('onOther').forForm(other).onFormSubmit().create();
    const handler = jest.fn();
    useHandlers(runtime, { onOther: handler });
    testing.forms.submit(form.getId(), ANNA, { Data: '2026-11-09' });
    expect(handler).not.toHaveBeenCalled();
  });
});
