// The in-memory CardService: cards and responses built as an add-on builds them print the card
// JSON of Google's documentation (the expected literals below are written from the cards v2
// reference and the add-on HTTP samples, not produced by the fake), bad cards fail at build(),
// and every call is counted.
import { Workspace } from '../../dev/workspace/core';
import {
  MAX_SELECTION_ITEMS,
  MAX_WIDGETS_PER_CARD,
  actionResponseJson,
  cardJson,
  createCardService,
  isActionResponse,
  isCard,
  isUniversalActionResponse,
  universalActionResponseJson,
} from '../../dev/workspace/card';

type CS = GoogleAppsScript.Card_Service.CardService;

function setup() {
  const ws = new Workspace({ owner: 'hr@example.it' });
  return { ws, CardService: createCardService(ws) as unknown as CS };
}

const json = (printable: { printJson(): string }): unknown => JSON.parse(printable.printJson());

/** The smallest valid card: one section holding one paragraph. */
function tiny(CardService: CS, text: string, name?: string) {
  const b = CardService.newCardBuilder().addSection(
    CardService.newCardSection().addWidget(CardService.newTextParagraph().setText(text)),
  );
  if (name) b.setName(name);
  return b.build();
}
const tinyJson = (text: string, name?: string) => ({
  sections: [{ widgets: [{ textParagraph: { text } }] }],
  ...(name ? { name } : {}),
});

describe('Card.printJson', () => {
  test('a card with every widget prints the documented card JSON', () => {
    const { CardService } = setup();
    const approve = CardService.newAction()
      .setFunctionName('approve')
      .setParameters({ requestId: 'R-12' })
      .setLoadIndicator(CardService.LoadIndicator.SPINNER);
    const card = CardService.newCardBuilder()
      .setName('home')
      .setHeader(
        CardService.newCardHeader()
          .setTitle('Agorà')
          .setSubtitle('Lavoro agile')
          .setImageStyle(CardService.ImageStyle.CIRCLE)
          .setImageUrl('https://example.it/logo.png'),
      )
      .addSection(
        CardService.newCardSection()
          .setHeader('Richiesta')
          .setCollapsible(true)
          .setNumUncollapsibleWidgets(2)
          .addWidget(
            CardService.newDecoratedText()
              .setTopLabel('Anna Rossi')
              .setText('Martedì 3 novembre')
              .setBottomLabel('In attesa')
              .setWrapText(true)
              .setStartIcon(CardService.newIconImage().setIcon(CardService.Icon.CLOCK).setAltText('Data'))
              .setButton(
                CardService.newTextButton()
                  .setText('Apri')
                  .setOpenLink(CardService.newOpenLink().setUrl('https://example.it/r/12')),
              ),
          )
          .addWidget(CardService.newTextParagraph().setText('<b>2</b> giorni questo mese'))
          .addWidget(
            CardService.newButtonSet()
              .addButton(
                CardService.newTextButton()
                  .setText('Approva')
                  .setTextButtonStyle(CardService.TextButtonStyle.FILLED)
                  .setBackgroundColor('#FF9900')
                  .setOnClickAction(approve),
              )
              .addButton(
                CardService.newImageButton()
                  .setIcon(CardService.Icon.EMAIL)
                  .setAltText('Scrivi')
                  .setOpenLink(
                    CardService.newOpenLink()
                      .setUrl('mailto:anna.rossi@example.it')
                      .setOpenAs(CardService.OpenAs.OVERLAY)
                      .setOnClose(CardService.OnClose.RELOAD),
                  ),
              ),
          )
          .addWidget(CardService.newDivider()),
      )
      .addSection(
        CardService.newCardSection()
          .addWidget(
            CardService.newSelectionInput()
              .setFieldName('days')
              .setTitle('Giorni')
              .setType(CardService.SelectionInputType.CHECK_BOX)
              .addItem('3 novembre', '2026-11-03', true)
              .addItem('5 novembre', '2026-11-05', false)
              .setOnChangeAction(CardService.newAction().setFunctionName('onDays')),
          )
          .addWidget(
            CardService.newTextInput()
              .setFieldName('note')
              .setTitle('Nota')
              .setHint('Facoltativa')
              .setMultiline(true)
              .setValue('Riunione alle 9'),
          )
          .addWidget(
            CardService.newDatePicker()
              .setFieldName('from')
              .setTitle('Dal')
              .setValueInMsSinceEpoch(Date.UTC(2026, 10, 3)),
          )
          .addWidget(
            CardService.newDateTimePicker()
              .setFieldName('at')
              .setTitle('Alle')
              .setValueInMsSinceEpoch('1793782800000')
              .setTimeZoneOffsetInMins(60),
          )
          .addWidget(
            CardService.newDecoratedText()
              .setText('Promemoria')
              .setSwitchControl(
                CardService.newSwitch()
                  .setFieldName('remind')
                  .setValue('yes')
                  .setSelected(false)
                  .setControlType(CardService.SwitchControlType.SWITCH),
              ),
          )
          .addWidget(
            CardService.newGrid()
              .setTitle('Sedi')
              .setNumColumns(2)
              .setBorderStyle(
                CardService.newBorderStyle().setType(CardService.BorderType.STROKE).setCornerRadius(4),
              )
              .addItem(
                CardService.newGridItem()
                  .setIdentifier('carpi')
                  .setTitle('Carpi')
                  .setTextAlignment(CardService.HorizontalAlignment.CENTER)
                  .setImage(
                    CardService.newImageComponent()
                      .setImageUrl('https://example.it/carpi.png')
                      .setCropStyle(
                        CardService.newImageCropStyle().setImageCropType(CardService.ImageCropType.SQUARE),
                      ),
                  ),
              )
              .setOnClickAction(CardService.newAction().setFunctionName('onSite')),
          )
          .addWidget(
            CardService.newImage()
              .setImageUrl('https://example.it/map.png')
              .setAltText('Mappa')
              .setOpenLink(CardService.newOpenLink().setUrl('https://example.it/map')),
          ),
      )
      .addCardAction(
        CardService.newCardAction()
          .setText('Aiuto')
          .setOpenLink(CardService.newOpenLink().setUrl('https://example.it/help')),
      )
      .setFixedFooter(
        CardService.newFixedFooter()
          .setPrimaryButton(
            CardService.newTextButton()
              .setText('Invia')
              .setOnClickAction(CardService.newAction().setFunctionName('submit')),
          )
          .setSecondaryButton(
            CardService.newTextButton()
              .setText('Annulla')
              .setTextButtonStyle(CardService.TextButtonStyle.OUTLINED)
              .setOnClickAction(CardService.newAction().setFunctionName('cancel')),
          ),
      )
      .build();

    // Field names and enum values from the cards v2 reference (Card, CardHeader.imageType,
    // Section.uncollapsibleWidgetsCount, DecoratedText.startIcon/button/switchControl,
    // Button.color/type, Icon.knownIcon, OpenLink.openAs/onClose, SelectionInput.items,
    // TextInput.type MULTIPLE_LINE and hintText, DateTimePicker.type/valueMsEpoch/
    // timezoneOffsetDate, Grid.columnCount/borderStyle, GridItem.id/textAlignment,
    // ImageComponent.imageUri/cropStyle, CardAction.actionLabel, CardFixedFooter).
    expect(json(card)).toEqual({
      header: {
        title: 'Agorà',
        subtitle: 'Lavoro agile',
        imageType: 'CIRCLE',
        imageUrl: 'https://example.it/logo.png',
      },
      sections: [
        {
          header: 'Richiesta',
          collapsible: true,
          uncollapsibleWidgetsCount: 2,
          widgets: [
            {
              decoratedText: {
                startIcon: { knownIcon: 'CLOCK', altText: 'Data' },
                topLabel: 'Anna Rossi',
                text: 'Martedì 3 novembre',
                wrapText: true,
                bottomLabel: 'In attesa',
                button: { text: 'Apri', onClick: { openLink: { url: 'https://example.it/r/12' } } },
              },
            },
            { textParagraph: { text: '<b>2</b> giorni questo mese' } },
            {
              buttonList: {
                buttons: [
                  {
                    text: 'Approva',
                    // "as a number between 0 and 255 divided by 255 (153/255)"
                    color: { red: 1, green: 0.6, blue: 0 },
                    type: 'FILLED',
                    onClick: {
                      action: {
                        function: 'approve',
                        parameters: [{ key: 'requestId', value: 'R-12' }],
                        loadIndicator: 'SPINNER',
                      },
                    },
                  },
                  {
                    icon: { knownIcon: 'EMAIL', altText: 'Scrivi' },
                    onClick: {
                      openLink: { url: 'mailto:anna.rossi@example.it', openAs: 'OVERLAY', onClose: 'RELOAD' },
                    },
                  },
                ],
              },
            },
            { divider: {} },
          ],
        },
        {
          widgets: [
            {
              selectionInput: {
                name: 'days',
                label: 'Giorni',
                type: 'CHECK_BOX',
                items: [
                  { text: '3 novembre', value: '2026-11-03', selected: true },
                  { text: '5 novembre', value: '2026-11-05', selected: false },
                ],
                onChangeAction: { function: 'onDays' },
              },
            },
            {
              textInput: {
                name: 'note',
                label: 'Nota',
                hintText: 'Facoltativa',
                value: 'Riunione alle 9',
                type: 'MULTIPLE_LINE',
              },
            },
            {
              dateTimePicker: {
                name: 'from',
                label: 'Dal',
                type: 'DATE_ONLY',
                valueMsEpoch: '1793664000000',
              },
            },
            {
              dateTimePicker: {
                name: 'at',
                label: 'Alle',
                type: 'DATE_AND_TIME',
                valueMsEpoch: '1793782800000',
                timezoneOffsetDate: 60,
              },
            },
            {
              decoratedText: {
                text: 'Promemoria',
                switchControl: { name: 'remind', value: 'yes', selected: false, controlType: 'SWITCH' },
              },
            },
            {
              grid: {
                title: 'Sedi',
                items: [
                  {
                    id: 'carpi',
                    image: { imageUri: 'https://example.it/carpi.png', cropStyle: { type: 'SQUARE' } },
                    title: 'Carpi',
                    textAlignment: 'CENTER',
                  },
                ],
                borderStyle: { type: 'STROKE', cornerRadius: 4 },
                columnCount: 2,
                onClick: { action: { function: 'onSite' } },
              },
            },
            {
              image: {
                imageUrl: 'https://example.it/map.png',
                altText: 'Mappa',
                onClick: { openLink: { url: 'https://example.it/map' } },
              },
            },
          ],
        },
      ],
      cardActions: [{ actionLabel: 'Aiuto', onClick: { openLink: { url: 'https://example.it/help' } } }],
      name: 'home',
      fixedFooter: {
        primaryButton: { text: 'Invia', onClick: { action: { function: 'submit' } } },
        secondaryButton: { text: 'Annulla', type: 'OUTLINED', onClick: { action: { function: 'cancel' } } },
      },
    });
  });

  test('unset fields are left out, never null; a lone button prints as a list of one', () => {
    const { CardService } = setup();
    const card = CardService.newCardBuilder()
      .addSection(
        CardService.newCardSection()
          .addWidget(CardService.newDecoratedText().setText('Solo testo'))
          .addWidget(
            CardService.newTextButton()
              .setText('Vai')
              .setOnClickOpenLinkAction(CardService.newAction().setFunctionName('makeLink')),
          ),
      )
      .build();
    expect(card.printJson()).not.toContain('null');
    expect(json(card)).toEqual({
      sections: [
        {
          widgets: [
            { decoratedText: { text: 'Solo testo' } },
            // OnClick.openDynamicLinkAction: "needs to talk to server to get the link".
            {
              buttonList: {
                buttons: [{ text: 'Vai', onClick: { openDynamicLinkAction: { function: 'makeLink' } } }],
              },
            },
          ],
        },
      ],
    });
  });

  test('setMultiline(false) is SINGLE_LINE; suggestions and validation print as documented', () => {
    const { CardService } = setup();
    const input = CardService.newTextInput()
      .setFieldName('site')
      .setTitle('Sede')
      .setMultiline(false)
      .setSuggestions(CardService.newSuggestions().addSuggestion('Carpi').addSuggestions(['Novi', 'Soliera']))
      .setSuggestionsAction(CardService.newAction().setFunctionName('suggestSites'))
      .setValidation(
        CardService.newValidation().setCharacterLimit(20).setInputType(CardService.InputType.TEXT),
      );
    const card = CardService.newCardBuilder()
      .addSection(CardService.newCardSection().addWidget(input))
      .build();
    expect(json(card)).toEqual({
      sections: [
        {
          widgets: [
            {
              textInput: {
                name: 'site',
                label: 'Sede',
                type: 'SINGLE_LINE',
                initialSuggestions: { items: [{ text: 'Carpi' }, { text: 'Novi' }, { text: 'Soliera' }] },
                autoCompleteAction: { function: 'suggestSites' },
                validation: { characterLimit: 20, inputType: 'TEXT' },
              },
            },
          ],
        },
      ],
    });
  });

  test('a built card is frozen: later changes to its builders do not reach it', () => {
    const { CardService } = setup();
    const section = CardService.newCardSection().addWidget(CardService.newTextParagraph().setText('Prima'));
    const builder = CardService.newCardBuilder().addSection(section);
    const card = builder.build();
    section.addWidget(CardService.newTextParagraph().setText('Dopo'));
    expect(json(card)).toEqual(tinyJson('Prima'));
    expect(json(builder.build())).toEqual({
      sections: [{ widgets: [{ textParagraph: { text: 'Prima' } }, { textParagraph: { text: 'Dopo' } }] }],
    });
  });

  test('enum members are their names', () => {
    const { CardService } = setup();
    expect(String(CardService.SelectionInputType.RADIO_BUTTON)).toBe('RADIO_BUTTON');
    expect(String(CardService.TextButtonStyle.FILLED)).toBe('FILLED');
    expect(String(CardService.Icon.PERSON)).toBe('PERSON');
  });
});

describe('chaining', () => {
  test('every setter returns its own builder', () => {
    const { CardService } = setup();
    const b = CardService.newCardBuilder();
    expect(b.setName('x')).toBe(b);
    const s = CardService.newCardSection();
    expect(s.setHeader('h')).toBe(s);
    expect(s.setCollapsible(false)).toBe(s);
    const d = CardService.newDecoratedText();
    expect(d.setText('t').setTopLabel('l').setWrapText(false)).toBe(d);
    const t = CardService.newTextButton();
    expect(t.setText('t').setDisabled(true).setAltText('a')).toBe(t);
    const a = CardService.newAction();
    expect(a.setFunctionName('f').setParameters({}).setPersistValues(true)).toBe(a);
    const i = CardService.newSelectionInput();
    expect(i.setFieldName('f').setTitle('t').addItem('a', 'b', false)).toBe(i);
    const n = CardService.newNavigation();
    expect(n.popCard().popToRoot()).toBe(n);
    const r = CardService.newActionResponseBuilder();
    expect(r.setStateChanged(true)).toBe(r);
  });
});

describe('validation', () => {
  const build = (CardService: CS, widget: GoogleAppsScript.Card_Service.Widget) =>
    CardService.newCardBuilder().addSection(CardService.newCardSection().addWidget(widget)).build();

  test('a card needs a section, a section a widget, a header a title', () => {
    const { CardService } = setup();
    expect(() => CardService.newCardBuilder().build()).toThrow('Card must contain at least one section.');
    expect(() => CardService.newCardBuilder().addSection(CardService.newCardSection()).build()).toThrow(
      'CardSection must contain at least one widget.',
    );
    expect(() =>
      CardService.newCardBuilder()
        .setHeader(CardService.newCardHeader().setSubtitle('senza titolo'))
        .addSection(CardService.newCardSection().addWidget(CardService.newDivider()))
        .build(),
    ).toThrow('CardHeader must have a title.');
  });

  test('errors are Apps Script exceptions', () => {
    const { CardService } = setup();
    let error: unknown;
    try {
      CardService.newCardBuilder().build();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('Exception');
  });

  test('a button needs text (or an icon) and something to do', () => {
    const { CardService } = setup();
    const act = () => CardService.newAction().setFunctionName('f');
    expect(() => build(CardService, CardService.newTextButton().setOnClickAction(act()))).toThrow(
      'TextButton must have text or an icon.',
    );
    expect(() => build(CardService, CardService.newTextButton().setText('Vai'))).toThrow(
      'TextButton must have an on-click action or a link to open.',
    );
    expect(() => build(CardService, CardService.newImageButton().setOnClickAction(act()))).toThrow(
      'ImageButton must have an icon.',
    );
    // Newer TextButtons may show an icon instead of text (not in @types/google-apps-script).
    type IconButton = {
      setIcon(icon: unknown): { setOnClickAction(a: unknown): GoogleAppsScript.Card_Service.Widget };
    };
    const iconOnly = (CardService.newTextButton() as unknown as IconButton)
      .setIcon(CardService.Icon.STAR)
      .setOnClickAction(act());
    const buttons = [{ icon: { knownIcon: 'STAR' }, onClick: { action: { function: 'f' } } }];
    expect(cardJson(build(CardService, iconOnly))).toEqual({
      sections: [{ widgets: [{ buttonList: { buttons } }] }],
    });
  });

  test('inputs need a field name, unique in the card; a text input needs its title', () => {
    const { CardService } = setup();
    expect(() => build(CardService, CardService.newSelectionInput().setTitle('Giorni'))).toThrow(
      'SelectionInput must have a field name.',
    );
    expect(() => build(CardService, CardService.newTextInput().setTitle('Nota'))).toThrow(
      'TextInput must have a field name.',
    );
    expect(() => build(CardService, CardService.newTextInput().setFieldName('note'))).toThrow(
      'TextInput must have a title.',
    );
    expect(() => build(CardService, CardService.newDatePicker().setTitle('Dal'))).toThrow(
      'DatePicker must have a field name.',
    );
    expect(() =>
      CardService.newCardBuilder()
        .addSection(
          CardService.newCardSection()
            .addWidget(CardService.newTextInput().setFieldName('note').setTitle('Nota'))
            .addWidget(CardService.newSelectionInput().setFieldName('note').addItem('a', 'a', false)),
        )
        .build(),
    ).toThrow('Field name "note" is used by more than one input in the card.');
  });

  test('an action needs its function; a link its URL; a footer its primary button', () => {
    const { CardService } = setup();
    expect(() =>
      build(
        CardService,
        CardService.newTextButton().setText('Vai').setOnClickAction(CardService.newAction()),
      ),
    ).toThrow('Action must have a function name.');
    expect(() =>
      build(CardService, CardService.newTextButton().setText('Vai').setOpenLink(CardService.newOpenLink())),
    ).toThrow('OpenLink must have a URL.');
    const secondaryOnly = CardService.newFixedFooter().setSecondaryButton(
      CardService.newTextButton()
        .setText('Annulla')
        .setOnClickAction(CardService.newAction().setFunctionName('c')),
    );
    expect(() =>
      CardService.newCardBuilder()
        .addSection(CardService.newCardSection().addWidget(CardService.newDivider()))
        .setFixedFooter(secondaryOnly)
        .build(),
    ).toThrow('FixedFooter must have a primary button.');
  });

  test('arguments of the wrong kind fail at once, as Apps Script reports them', () => {
    const { CardService } = setup();
    expect(() =>
      CardService.newSelectionInput().setType(
        'CHECKBOX' as unknown as GoogleAppsScript.Card_Service.SelectionInputType,
      ),
    ).toThrow(
      "The parameters (String) don't match the method signature for CardService.SelectionInput.setType.",
    );
    expect(() => CardService.newTextParagraph().setText(undefined as unknown as string)).toThrow(
      "The parameters (null) don't match the method signature for CardService.TextParagraph.setText.",
    );
    const notAWidget = CardService.newCardAction() as unknown as GoogleAppsScript.Card_Service.Widget;
    expect(() => CardService.newCardSection().addWidget(notAWidget)).toThrow(
      "The parameters (Object) don't match the method signature for CardService.CardSection.addWidget.",
    );
    const notACard = {} as GoogleAppsScript.Card_Service.Card;
    expect(() => CardService.newNavigation().pushCard(notACard)).toThrow(
      "The parameters (Object) don't match the method signature for CardService.Navigation.pushCard.",
    );
  });

  test('action parameters are strings: numbers and booleans arrive as strings, anything else throws', () => {
    const { CardService } = setup();
    // Google's own sample (TextInput.setSuggestionsAction) passes {numSuggestions: 3} and reads
    // it back with Number.parseInt(e.parameter.numSuggestions).
    const action = CardService.newAction()
      .setFunctionName('suggest')
      .setParameters({ numSuggestions: 3, all: true, site: 'Carpi' } as unknown as Record<string, string>);
    const card = build(CardService, CardService.newTextButton().setText('Vai').setOnClickAction(action));
    expect(cardJson(card)?.sections[0].widgets[0]).toEqual({
      buttonList: {
        buttons: [
          {
            text: 'Vai',
            onClick: {
              action: {
                function: 'suggest',
                parameters: [
                  { key: 'numSuggestions', value: '3' },
                  { key: 'all', value: 'true' },
                  { key: 'site', value: 'Carpi' },
                ],
              },
            },
          },
        ],
      },
    });
    expect(() =>
      CardService.newAction().setParameters({ ids: ['a', 'b'] } as unknown as Record<string, string>),
    ).toThrow('Invalid argument: parameters');
    expect(() => CardService.newAction().setParameters(null as unknown as Record<string, string>)).toThrow(
      "The parameters (null) don't match the method signature for CardService.Action.setParameters.",
    );
  });

  test('the documented limits are exported for the renderer', () => {
    // "You can add up to 100 widgets per card"; SelectionInput "Supports up to 100 items".
    expect(MAX_WIDGETS_PER_CARD).toBe(100);
    expect(MAX_SELECTION_ITEMS).toBe(100);
  });
});

describe('ActionResponse', () => {
  test('notification and updateCard print as the documented render actions', () => {
    const { CardService } = setup();
    const response = CardService.newActionResponseBuilder()
      .setNotification(CardService.newNotification().setText('Richiesta approvata'))
      .setNavigation(CardService.newNavigation().updateCard(tiny(CardService, 'Approvata', 'detail')))
      .setStateChanged(true)
      .build();
    // SubmitFormResponse: {"stateChanged": true, "renderActions": {"action": {...}}}.
    expect(json(response)).toEqual({
      renderActions: {
        action: {
          navigations: [{ updateCard: tinyJson('Approvata', 'detail') }],
          notification: { text: 'Richiesta approvata' },
        },
      },
      stateChanged: true,
    });
  });

  test('push, pop, pop to root, pop to a named card, open a link', () => {
    const { CardService } = setup();
    const nav = CardService.newNavigation()
      .popToRoot()
      .pushCard(tiny(CardService, 'Elenco'))
      .popCard()
      .popToNamedCard('home');
    expect(json(nav)).toEqual({
      navigations: [
        { popToRoot: true },
        { pushCard: tinyJson('Elenco') },
        { pop: true },
        { popToCard: 'home' },
      ],
    });
    const response = CardService.newActionResponseBuilder()
      .setNavigation(nav)
      .setOpenLink(
        CardService.newOpenLink().setUrl('https://example.it/page').setOpenAs(CardService.OpenAs.FULL_SIZE),
      )
      .build();
    expect(actionResponseJson(response)).toEqual({
      renderActions: {
        action: {
          navigations: [
            { popToRoot: true },
            { pushCard: tinyJson('Elenco') },
            { pop: true },
            { popToCard: 'home' },
          ],
          link: { url: 'https://example.it/page', openAs: 'FULL_SIZE' },
        },
      },
    });
  });

  test('a notification needs text', () => {
    const { CardService } = setup();
    expect(() =>
      CardService.newActionResponseBuilder().setNotification(CardService.newNotification()).build(),
    ).toThrow('Notification must have text.');
  });
});

describe('UniversalActionResponse', () => {
  test('cards to display are pushed; a link is opened', () => {
    const { CardService } = setup();
    const cards = CardService.newUniversalActionResponseBuilder()
      .displayAddOnCards([tiny(CardService, 'Uno'), tiny(CardService, 'Due')])
      .build();
    expect(json(cards)).toEqual({
      action: { navigations: [{ pushCard: tinyJson('Uno') }, { pushCard: tinyJson('Due') }] },
    });
    const link = CardService.newUniversalActionResponseBuilder()
      .setOpenLink(CardService.newOpenLink().setUrl('https://example.it'))
      .build();
    expect(universalActionResponseJson(link)).toEqual({ action: { link: { url: 'https://example.it' } } });
  });

  test('it must display cards or open a link', () => {
    const { CardService } = setup();
    expect(() => CardService.newUniversalActionResponseBuilder().build()).toThrow(
      'UniversalActionResponse must display add-on cards or open a link.',
    );
    expect(() => CardService.newUniversalActionResponseBuilder().displayAddOnCards([]).build()).toThrow(
      'UniversalActionResponse must display add-on cards or open a link.',
    );
  });
});

describe('for the emulation', () => {
  test('built objects are recognised and their JSON read without counting a call', () => {
    const { ws, CardService } = setup();
    const card = tiny(CardService, 'Ciao');
    const response = CardService.newActionResponseBuilder()
      .setNotification(CardService.newNotification().setText('Fatto'))
      .build();
    const universal = CardService.newUniversalActionResponseBuilder().displayAddOnCards([card]).build();
    expect([isCard(card), isActionResponse(card), isUniversalActionResponse(card)]).toEqual([
      true,
      false,
      false,
    ]);
    expect([isCard(response), isActionResponse(response)]).toEqual([false, true]);
    expect(isUniversalActionResponse(universal)).toBe(true);
    expect([isCard({ sections: [] }), isCard(null), isActionResponse('x')]).toEqual([false, false, false]);
    const before = ws.callCount('CardService');
    expect(cardJson(card)).toEqual(tinyJson('Ciao'));
    expect(actionResponseJson(response)).toEqual({
      renderActions: { action: { notification: { text: 'Fatto' } } },
    });
    expect(cardJson(response)).toBeNull();
    expect(ws.callCount('CardService')).toBe(before);
    // A copy: changing it does not change the card.
    const copy = cardJson(card);
    if (copy) copy.name = 'changed';
    expect(cardJson(card)).toEqual(tinyJson('Ciao'));
  });
});

describe('call counting', () => {
  test('every builder call is counted as CardService.<Class>.<method>', () => {
    const { ws, CardService } = setup();
    const card = tiny(CardService, 'Ciao', 'home');
    card.printJson();
    expect(ws.callCounts()).toEqual({
      'CardService.CardService.newCardBuilder': 1,
      'CardService.CardService.newCardSection': 1,
      'CardService.CardService.newTextParagraph': 1,
      'CardService.TextParagraph.setText': 1,
      'CardService.CardSection.addWidget': 1,
      'CardService.CardBuilder.addSection': 1,
      'CardService.CardBuilder.setName': 1,
      'CardService.CardBuilder.build': 1,
      'CardService.Card.printJson': 1,
    });
    expect(ws.callCount('CardService', 'CardBuilder.build')).toBe(1);
  });

  test('an injected failure hits the chosen call', () => {
    const { ws, CardService } = setup();
    ws.failNth('CardService', 'CardBuilder.build', 2, 'transient');
    tiny(CardService, 'Uno');
    expect(() => tiny(CardService, 'Due')).toThrow('Service unavailable: CardService');
    expect(() => tiny(CardService, 'Tre')).not.toThrow();
  });
});
