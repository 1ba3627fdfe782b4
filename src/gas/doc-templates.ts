// Google Docs templates Agorà keeps in its Drive folder (the individual agreement, the
// half-yearly report): found by their recorded id, else by name in the folder, else made from
// their first text (`# ` a title heading, `## ` a section heading). HR may reword them keeping
// the {{fields}}; a document is a copy of its template with the fields filled.

const GOOGLE_DOCS_MIME = 'application/vnd.google-apps.document';

/** The template's id: recorded in `property`, found by `name` in `folder`, or made from `lines`. */
export function ensureDocTemplate(
  folder: GoogleAppsScript.Drive.Folder,
  name: string,
  lines: readonly string[],
  property: string,
  changes: string[] = [],
): string {
  const props = PropertiesService.getScriptProperties();
  const recorded = props.getProperty(property);
  if (recorded) {
    try {
      if (!DriveApp.getFileById(recorded).isTrashed()) return recorded;
    } catch {
      // deleted for good: found again by name, or made again
    }
  }
  const found = folder.getFilesByName(name);
  while (found.hasNext()) {
    const file = found.next();
    if (file.isTrashed() || file.getMimeType() !== GOOGLE_DOCS_MIME) continue;
    props.setProperty(property, file.getId());
    changes.push(`Ritrovato il modello «${name}».`);
    return file.getId();
  }
  const doc = DocumentApp.create(name);
  const id = doc.getId(); // a closed document answers nothing more
  const body = doc.getBody();
  for (const line of lines) {
    if (line.startsWith('## '))
      body.appendParagraph(line.slice(3)).setHeading(DocumentApp.ParagraphHeading.HEADING2);
    else if (line.startsWith('# '))
      body.appendParagraph(line.slice(2)).setHeading(DocumentApp.ParagraphHeading.HEADING1);
    else body.appendParagraph(line);
  }
  doc.saveAndClose();
  DriveApp.getFileById(id).moveTo(folder);
  props.setProperty(property, id);
  changes.push(`Creato il modello «${name}» nella cartella di Agorà.`);
  return id;
}
