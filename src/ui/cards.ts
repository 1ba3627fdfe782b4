// The add-on's cards (CardService), built from the read model the owner's web app returns.
// Italian, for a side panel and the Gmail app on a phone: short lines, one action per button.
import type { SidebarDto } from '../app/sidebar';

export interface HomeLinks {
  /** The full-page web view (the web app), or null before the first deployment. */
  page: string | null;
  /** The request Form, or null before setup. */
  form: string | null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function linkButtons(links: HomeLinks): GoogleAppsScript.Card_Service.ButtonSet | null {
  const buttons: GoogleAppsScript.Card_Service.TextButton[] = [];
  if (links.page)
    buttons.push(
      CardService.newTextButton()
        .setText('Apri Agorà')
        .setOpenLink(CardService.newOpenLink().setUrl(links.page).setOpenAs(CardService.OpenAs.FULL_SIZE)),
    );
  if (links.form)
    buttons.push(
      CardService.newTextButton()
        .setText('Modulo di richiesta')
        .setOpenLink(CardService.newOpenLink().setUrl(links.form).setOpenAs(CardService.OpenAs.FULL_SIZE)),
    );
  if (!buttons.length) return null;
  const set = CardService.newButtonSet();
  for (const b of buttons) set.addButton(b);
  return set;
}

export function homepageCard(dto: SidebarDto, links: HomeLinks): GoogleAppsScript.Card_Service.Card {
  const card = CardService.newCardBuilder().setHeader(
    CardService.newCardHeader().setTitle('Agorà — lavoro agile').setSubtitle(dto.user),
  );
  const mine = CardService.newCardSection().setHeader('Le mie giornate');
  if (dto.own.quota) {
    const { used, limit } = dto.own.quota;
    mine.addWidget(
      CardService.newDecoratedText()
        .setTopLabel('Questo mese')
        .setText(`${plural(used, 'giornata', 'giornate')} su ${limit}`)
        .setWrapText(true),
    );
  }
  const upcoming = dto.own.days.filter((d) => d.date >= dto.today && d.cancellable).slice(0, 5);
  if (upcoming.length)
    for (const d of upcoming)
      mine.addWidget(
        CardService.newDecoratedText()
          .setTopLabel(d.dateLabel)
          .setText(`${d.statusLabel}, ${d.location}`)
          .setWrapText(true),
      );
  else mine.addWidget(CardService.newTextParagraph().setText('Nessuna giornata in programma.'));
  card.addSection(mine);

  const pendingDays = dto.pending.reduce((n, p) => n + p.weeks.reduce((m, w) => m + w.days.length, 0), 0);
  if (pendingDays || dto.isAdmin) {
    card.addSection(
      CardService.newCardSection()
        .setHeader('Da approvare')
        .addWidget(
          CardService.newDecoratedText()
            .setText(
              pendingDays
                ? `${plural(pendingDays, 'giornata', 'giornate')} di ${plural(dto.pending.length, 'persona', 'persone')}`
                : 'Nessuna giornata in attesa.',
            )
            .setWrapText(true),
        ),
    );
  }
  const buttons = linkButtons(links);
  if (buttons) card.addSection(CardService.newCardSection().addWidget(buttons));
  return card.build();
}

/** A card that says what went wrong, with the links that still work. */
export function messageCard(
  title: string,
  message: string,
  links: HomeLinks,
  user: string,
): GoogleAppsScript.Card_Service.Card {
  const section = CardService.newCardSection().addWidget(CardService.newTextParagraph().setText(message));
  const buttons = linkButtons(links);
  if (buttons) section.addWidget(buttons);
  return CardService.newCardBuilder()
    .setHeader(CardService.newCardHeader().setTitle(title).setSubtitle(user))
    .addSection(section)
    .build();
}
