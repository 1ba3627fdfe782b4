// The Google Workspace add-on's entry points (homepage, universal actions), running as the user.
// They read what the user may see through the owner's web app (callAsOwner), never the
// register itself: the user cannot open it.
import { homepageCard, messageCard, type HomeLinks } from '../ui/cards';
import { webAppUrl } from './deployment';
import { currentUser } from './owner';
import { PROPERTY } from './properties';
import { callAsOwner } from './webapp';

function links(): HomeLinks {
  return {
    page: webAppUrl(),
    form: PropertiesService.getScriptProperties().getProperty(PROPERTY.formUrl),
  };
}

/** The homepage card in Sheets, Gmail and Calendar. */
export function homepage(): GoogleAppsScript.Card_Service.Card {
  try {
    return homepageCard(callAsOwner('load', {}), links());
  } catch (e) {
    return messageCard('Agorà non è raggiungibile', (e as Error).message, links(), currentUser());
  }
}

/** Universal actions: a card pushed over whatever the user is looking at. */
export function universalAction(): GoogleAppsScript.Card_Service.UniversalActionResponse {
  return CardService.newUniversalActionResponseBuilder().displayAddOnCards([homepage()]).build();
}
