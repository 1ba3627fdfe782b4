// Spreadsheets Agorà keeps in its Drive folder (the yearly archives, the Ministry export): the
// owner's, HR can view them. Found again by their recorded id, or by name where an interrupted
// run may have left them (Agorà's folder, or the owner's My Drive where SpreadsheetApp.create
// puts new files, moved in), and only then made: never twice.
import { PROPERTY } from './properties';
import { RegisterError } from './rows';

export function agoraFolder(): GoogleAppsScript.Drive.Folder {
  const folderId = PropertiesService.getScriptProperties().getProperty(PROPERTY.driveRootId);
  if (!folderId) throw new RegisterError('Manca la cartella di Agorà: esegui la configurazione.');
  return DriveApp.getFolderById(folderId);
}

/**
 * The spreadsheet called `name` in Agorà's folder: `recordedId` if it is still there, else one
 * found by name, else a new one (Europe/Rome). `record` is told the id when it changed. HR's
 * administrators are added as viewers.
 */
export function folderSpreadsheet(
  name: string,
  recordedId: string | null,
  record: (id: string) => void,
  admins: readonly string[],
): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const folder = agoraFolder();
  let id = recordedId ?? '';
  if (id && DriveApp.getFileById(id).isTrashed()) id = '';
  for (const place of [folder, DriveApp.getRootFolder()]) {
    const found = id ? null : place.getFilesByName(name);
    while (!id && found?.hasNext()) {
      const file = found.next();
      if (file.isTrashed()) continue;
      id = file.getId();
      if (place !== folder) file.moveTo(folder);
    }
  }
  if (!id) {
    const made = SpreadsheetApp.create(name);
    made.setSpreadsheetTimeZone('Europe/Rome');
    DriveApp.getFileById(made.getId()).moveTo(folder);
    id = made.getId();
  }
  if (id !== recordedId) record(id);
  const file = DriveApp.getFileById(id);
  const viewers = new Set(file.getViewers().map((u) => u.getEmail().toLowerCase()));
  for (const admin of admins) if (!viewers.has(admin)) file.addViewer(admin);
  return SpreadsheetApp.openById(id);
}
