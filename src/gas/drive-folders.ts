// Agorà's Drive folder kept by convention (src/domain/drive-layout.ts): a folder per person under
// their organisation and sector, named and shared from the staff records. The owner's
// `syncDriveFolders` makes what is missing, moves a person's folder when their sector changes
// and renames it when their name does (the folder's id is kept in a script property per person,
// so a hand-renamed folder is still theirs), and adds the sharing the rule asks for. The register
// check lists what breaks the convention (auditDrive): it repairs nothing, HR decides.
import {
  auditDrive,
  personPath,
  personSharing,
  type DriveFinding,
  type DriveItem,
  type PersonForDrive,
} from '../domain/drive-layout';
import { agoraFolder } from './drive-files';
import { requireOwner } from './owner';
import { SheetsRegister } from './register';
import { gasLock, registerSpreadsheet } from './runtime';
import type { RowProblem } from '../app/ports';
import { employeesFromRows, peopleFromRows, staffFactsFromRows } from './rows';
import { toRomeLocal } from '../domain/rome-time';

/** Script property holding the id of a person's folder. */
export const FOLDER_PROPERTY_PREFIX = 'agora.folder.';

type Folder = GoogleAppsScript.Drive.Folder;

function peopleForDrive(register: SheetsRegister): { people: PersonForDrive[]; hr: string[] } {
  const v = register.sheetValues(['people', 'employees']);
  const people = peopleFromRows(v.people);
  const known = new Set([...people.emails, ...people.admins]);
  const employees = employeesFromRows(v.employees, known).employees;
  const staff = staffFactsFromRows(v.employees, toRomeLocal(Date.now()).date).staff;
  // The owner owns every file: never listed among the editors (Drive does not list owners there).
  const owner = Session.getEffectiveUser().getEmail().toLowerCase();
  return {
    hr: people.admins.filter((a) => a !== owner),
    people: employees.map((e) => {
      const s = staff.get(e.email);
      return {
        email: e.email,
        // "Surname Name" from the staff record, else the name as HR wrote it.
        surnameName: s?.surname && s.firstName ? `${s.surname} ${s.firstName}` : e.name,
        organisation: e.organisation,
        sector: e.sector,
        manager: e.manager,
      };
    }),
  };
}

function childFolder(parent: Folder, name: string): Folder {
  const found = parent.getFoldersByName(name);
  while (found.hasNext()) {
    const f = found.next();
    if (!f.isTrashed()) return f;
  }
  return parent.createFolder(name);
}

export interface FolderSync {
  created: number;
  moved: number;
  renamed: number;
  shared: number;
}

/** Makes, moves, renames and shares the people's folders (the owner, holding the lock). */
export function syncDriveFolders(register: SheetsRegister): FolderSync {
  const { people, hr } = peopleForDrive(register);
  const root = agoraFolder();
  const recorded = PropertiesService.getScriptProperties().getProperties();
  const out: FolderSync = { created: 0, moved: 0, renamed: 0, shared: 0 };
  for (const p of people) placeFolder(p, hr, root, recorded, out);
  return out;
}

/**
 * One person's folder by convention, made, moved, renamed and shared as needed (the owner,
 * holding the lock): where their agreement's document goes. Null when they are not in Dipendenti.
 */
export function personFolder(
  register: SheetsRegister,
  email: string,
): { folder: Folder; person: PersonForDrive; hr: string[] } | null {
  const { people, hr } = peopleForDrive(register);
  const person = people.find((p) => p.email === email);
  if (!person) return null;
  const recorded = PropertiesService.getScriptProperties().getProperties();
  const folder = placeFolder(person, hr, agoraFolder(), recorded, {
    created: 0,
    moved: 0,
    renamed: 0,
    shared: 0,
  });
  return { folder, person, hr };
}

/**
 * A file put in a person's folder shared by the rule: the person and HR have it from the folder;
 * the manager views the folder and comments on its files.
 */
export function shareInPersonFolder(
  file: GoogleAppsScript.Drive.File,
  p: PersonForDrive,
  hr: readonly string[],
): void {
  const want = personSharing(p, hr).file;
  for (const c of want.commenters) file.addCommenter(c);
}

function placeFolder(
  p: PersonForDrive,
  hr: readonly string[],
  root: Folder,
  recorded: Record<string, string>,
  out: FolderSync,
): Folder {
  const [org, sector, name] = personPath(p);
  const parent = childFolder(childFolder(root, org), sector);
  const key = FOLDER_PROPERTY_PREFIX + p.email;
  let folder: Folder | null = null;
  const id = recorded[key];
  if (id) {
    try {
      folder = DriveApp.getFolderById(id);
      if (folder.isTrashed()) folder = null;
    } catch {
      folder = null; // deleted for good: made again
    }
  }
  if (!folder) {
    folder = parent.createFolder(name);
    PropertiesService.getScriptProperties().setProperty(key, folder.getId());
    out.created++;
  } else {
    const parents = folder.getParents();
    const there = parents.hasNext() ? parents.next().getId() : '';
    if (there !== parent.getId()) {
      folder.moveTo(parent);
      out.moved++;
    }
    if (folder.getName() !== name) {
      folder.setName(name);
      out.renamed++;
    }
  }
  const want = personSharing(p, hr).folder;
  const viewers = new Set(folder.getViewers().map((u) => u.getEmail().toLowerCase()));
  const editors = new Set(folder.getEditors().map((u) => u.getEmail().toLowerCase()));
  for (const v of want.viewers)
    if (!viewers.has(v) && !editors.has(v)) {
      folder.addViewer(v);
      out.shared++;
    }
  for (const e of want.editors)
    if (!editors.has(e)) {
      folder.addEditor(e);
      out.shared++;
    }
  return folder;
}

/** Everything below Agorà's folder, as the audit reads it. */
function listTree(root: Folder): DriveItem[] {
  const items: DriveItem[] = [];
  const describe = (
    item: GoogleAppsScript.Drive.Folder | GoogleAppsScript.Drive.File,
    kind: 'folder' | 'file',
    parentId: string,
  ): DriveItem => {
    const viewers: string[] = [];
    const commenters: string[] = [];
    for (const u of item.getViewers()) {
      const email = u.getEmail().toLowerCase();
      if (String(item.getAccess(email)) === 'COMMENT') commenters.push(email);
      else viewers.push(email);
    }
    const access = String(item.getSharingAccess());
    return {
      id: item.getId(),
      name: item.getName(),
      kind,
      parentId,
      owner: item.getOwner()?.getEmail().toLowerCase() ?? '',
      viewers,
      commenters,
      editors: item.getEditors().map((u) => u.getEmail().toLowerCase()),
      generalAccess: access === 'PRIVATE' ? null : access,
    };
  };
  const walk = (folder: Folder) => {
    const files = folder.getFiles();
    while (files.hasNext()) {
      const f = files.next();
      if (!f.isTrashed()) items.push(describe(f, 'file', folder.getId()));
    }
    const folders = folder.getFolders();
    while (folders.hasNext()) {
      const sub = folders.next();
      if (sub.isTrashed()) continue;
      items.push(describe(sub, 'folder', folder.getId()));
      walk(sub);
    }
  };
  walk(root);
  return items;
}

/** The Drive convention's breaks, as lines of Problemi (sheet «Drive», the item's path). */
export function driveProblems(register: SheetsRegister): RowProblem[] {
  const { people, hr } = peopleForDrive(register);
  const root = agoraFolder();
  const recorded = PropertiesService.getScriptProperties().getProperties();
  const folders = new Map(
    Object.entries(recorded)
      .filter(([k]) => k.startsWith(FOLDER_PROPERTY_PREFIX))
      .map(([k, v]) => [k.slice(FOLDER_PROPERTY_PREFIX.length), v]),
  );
  return auditDrive(root.getId(), listTree(root), people, folders, hr).map((f: DriveFinding) => ({
    sheet: 'Drive',
    row: 0,
    reason: `${f.path}: ${f.reason}`,
  }));
}

/** The entry point: the owner, holding the script lock. */
export function syncDriveFoldersNow(): FolderSync {
  requireOwner('Cartelle del personale');
  return gasLock.withLock(() => syncDriveFolders(new SheetsRegister(registerSpreadsheet())));
}
