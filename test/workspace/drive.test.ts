// The in-memory Drive: a tree per user, inherited permissions, sharing as DriveApp documents it
// (viewers include commenters; non-editors see no sharing lists), resumable iterators.
import { Workspace } from '../../dev/workspace/core';
import { createDriveApp, emptyDriveState, type DriveState } from '../../dev/workspace/drive';

const HR = 'hr@example.it';
const ANNA = 'anna.rossi@example.it';
const MARIO = 'mario.ferrari@example.it';
const NOT_FOUND = 'No item with the given ID could be found, or you do not have permission to access it.';
const DENIED = 'Access denied: DriveApp.';

function setup(state: DriveState = emptyDriveState()) {
  const ws = new Workspace({ owner: HR });
  const DriveApp = createDriveApp(ws, state);
  return { ws, state, DriveApp };
}

type Iter<T> = { hasNext(): boolean; next(): T };
function drain<T>(it: Iter<T>): T[] {
  const out: T[] = [];
  while (it.hasNext()) out.push(it.next());
  return out;
}
const names = (it: Iter<{ getName(): string }>) => drain(it).map((x) => x.getName());
const emails = (users: { getEmail(): string }[]) => users.map((u) => u.getEmail()).sort();

/** HR's tree of §6: root / Organisation / Sector / person, with the agreement inside. */
function tree() {
  const s = setup();
  const root = s.DriveApp.createFolder('Agorà');
  const org = root.createFolder('Unione Terre d’Argine');
  const sector = org.createFolder('Servizi al personale');
  const person = sector.createFolder(`Rossi Anna ${ANNA}`);
  const agreement = person.createFile('Accordo individuale.txt', 'testo', 'text/plain');
  return { ...s, root, org, sector, person, agreement };
}

describe('the tree', () => {
  it('gives each user their own root, and builds folders and files under it', () => {
    const { ws, DriveApp, root, org, person, agreement } = tree();
    const myDrive = DriveApp.getRootFolder();
    expect(myDrive.getName()).toBe('My Drive');
    expect(names(myDrive.getFolders())).toEqual(['Agorà']);
    expect(names(root.getFolders())).toEqual(['Unione Terre d’Argine']);
    expect(names(org.getFoldersByName('Servizi al personale'))).toEqual(['Servizi al personale']);
    expect(names(org.getFoldersByName('Altro'))).toEqual([]);
    expect(names(person.getFiles())).toEqual(['Accordo individuale.txt']);
    expect(names(person.getFilesByName('Accordo individuale.txt'))).toEqual(['Accordo individuale.txt']);
    expect(agreement.getMimeType()).toBe('text/plain');
    expect(agreement.getSize()).toBe(5);
    expect(names(agreement.getParents())).toEqual([`Rossi Anna ${ANNA}`]);
    expect(agreement.getOwner().getEmail()).toBe(HR);
    expect(root.getUrl()).toBe(`https://drive.google.com/drive/folders/${root.getId()}`);
    expect(agreement.getUrl()).toContain(agreement.getId());
    expect(DriveApp.getFolderById(person.getId()).getName()).toBe(`Rossi Anna ${ANNA}`);
    expect(DriveApp.getFileById(agreement.getId()).getName()).toBe('Accordo individuale.txt');
    expect(names(DriveApp.getFoldersByName('Servizi al personale'))).toEqual(['Servizi al personale']);
    expect(names(DriveApp.getFilesByName('Accordo individuale.txt'))).toEqual(['Accordo individuale.txt']);
    expect(DriveApp.getFileById(agreement.getId()).getDateCreated().getTime()).toBe(ws.nowMs);

    ws.activeUser = ANNA;
    expect(DriveApp.getRootFolder().getId()).not.toBe(myDrive.getId());
    expect(names(DriveApp.getFoldersByName('Agorà'))).toEqual([]); // not shared with her
  });

  it('renames and moves items, refusing a move into their own subtree', () => {
    const { ws, root, org, sector, person } = tree();
    ws.advance(60_000);
    person.setName('Rossi Anna (2)');
    expect(person.getLastUpdated().getTime()).toBe(ws.nowMs);
    person.moveTo(org);
    expect(names(org.getFolders()).sort()).toEqual(['Rossi Anna (2)', 'Servizi al personale']);
    expect(names(sector.getFolders())).toEqual([]);
    expect(() => root.moveTo(sector)).toThrow('Invalid argument: destination');
  });

  it('trashes only as the owner; trashed items are still found, and say so', () => {
    const { ws, DriveApp, person, agreement } = tree();
    person.addEditor(ANNA);
    ws.activeUser = ANNA;
    expect(() => DriveApp.getFolderById(person.getId()).setTrashed(true)).toThrow(DENIED);
    ws.activeUser = HR;
    person.setTrashed(true);
    expect(person.isTrashed()).toBe(true);
    expect(agreement.isTrashed()).toBe(true); // inside a trashed folder
    expect(names(DriveApp.getFilesByName('Accordo individuale.txt'))).toEqual(['Accordo individuale.txt']);
    person.setTrashed(false);
    expect(agreement.isTrashed()).toBe(false);
  });
});

describe('sharing', () => {
  it('lets viewers read but not write, and hides unshared items', () => {
    const { ws, DriveApp, person, agreement } = tree();
    person.addViewer(ANNA);
    ws.activeUser = ANNA;
    // Inherited: the file in her folder is visible too.
    expect(DriveApp.getFileById(agreement.getId()).getName()).toBe('Accordo individuale.txt');
    const hers = DriveApp.getFolderById(person.getId());
    expect(() => hers.createFile('x', 'y')).toThrow(DENIED);
    expect(() => hers.setName('x')).toThrow(DENIED);
    expect(() => hers.addViewer(MARIO)).toThrow(DENIED);
    // "If the user who executes the script does not have edit access ... returns an empty array."
    expect(hers.getViewers()).toEqual([]);
    expect(hers.getEditors()).toEqual([]);
    ws.activeUser = MARIO;
    expect(() => DriveApp.getFolderById(person.getId())).toThrow(NOT_FOUND);
    expect(() => DriveApp.getFileById(agreement.getId())).toThrow(NOT_FOUND);
    expect(() => DriveApp.getFileById('no-such-id')).toThrow(NOT_FOUND);
  });

  it('counts commenters among viewers, and promotes or keeps roles as documented', () => {
    const { person, agreement } = tree();
    agreement.addCommenter(MARIO);
    agreement.addViewer(ANNA);
    expect(emails(agreement.getViewers())).toEqual([ANNA, MARIO]); // "viewers and commenters"
    expect(agreement.getAccess(MARIO)).toBe('COMMENT');
    agreement.addEditor(ANNA); // "promotes the user out of the list of viewers"
    expect(emails(agreement.getEditors())).toEqual([ANNA]);
    expect(emails(agreement.getViewers())).toEqual([MARIO]);
    agreement.addViewer(ANNA); // "If the user was already on the list of editors, this method has no effect."
    expect(emails(agreement.getEditors())).toEqual([ANNA]);
    agreement.removeViewer(MARIO); // removes viewers and commenters
    expect(emails(agreement.getViewers())).toEqual([]);
    agreement.removeEditor(ANNA);
    expect(agreement.getEditors()).toEqual([]);

    // Permissions on a folder are inherited by what is inside; the owner is not an "editor".
    person.addViewers([ANNA]);
    person.addEditors([MARIO]);
    expect(emails(agreement.getViewers())).toEqual([ANNA]);
    expect(emails(agreement.getEditors())).toEqual([MARIO]);
    expect(agreement.getAccess(ANNA)).toBe('VIEW');
    expect(agreement.getAccess(HR)).toBe('OWNER');
    expect(() => person.addViewer('not an address')).toThrow('Invalid argument');
  });

  it('lets editors share unless the owner forbids it, and editors create files they own', () => {
    const { ws, DriveApp, person } = tree();
    person.addEditor(MARIO);
    ws.activeUser = MARIO;
    const asMario = DriveApp.getFolderById(person.getId());
    asMario.addViewer(ANNA);
    const note = asMario.createFile('nota.txt', 'x');
    expect(note.getOwner().getEmail()).toBe(MARIO);
    ws.activeUser = HR;
    // The folder's owner edits what others put in it.
    expect(DriveApp.getFileById(note.getId()).getAccess(HR)).toBe('EDIT');
    person.setShareableByEditors(false);
    ws.activeUser = MARIO;
    expect(() => asMario.addViewer('x@example.it')).toThrow(DENIED);
  });

  it('sets and reads general access, which opens items to everyone or the domain', () => {
    const { ws, DriveApp, agreement } = tree();
    expect(agreement.getSharingAccess()).toBe(DriveApp.Access.PRIVATE);
    expect(agreement.getSharingPermission()).toBe(DriveApp.Permission.NONE);
    agreement.setSharing(DriveApp.Access.DOMAIN_WITH_LINK, DriveApp.Permission.VIEW);
    expect(agreement.getSharingAccess()).toBe(DriveApp.Access.DOMAIN_WITH_LINK);
    ws.activeUser = MARIO; // same domain
    expect(DriveApp.getFileById(agreement.getId()).getName()).toBe('Accordo individuale.txt');
    ws.activeUser = 'guest@other.org';
    expect(() => DriveApp.getFileById(agreement.getId())).toThrow(NOT_FOUND);
    ws.activeUser = HR;
    agreement.setSharing(DriveApp.Access.ANYONE_WITH_LINK, DriveApp.Permission.COMMENT);
    ws.activeUser = 'guest@other.org';
    expect(DriveApp.getFileById(agreement.getId()).getAccess('guest@other.org')).toBe('COMMENT');
    ws.activeUser = HR;
    agreement.setSharing(DriveApp.Access.PRIVATE, DriveApp.Permission.VIEW);
    expect(String(agreement.getSharingAccess())).toBe('PRIVATE');
    expect(String(agreement.getSharingPermission())).toBe('NONE');
    expect(() => agreement.setSharing(DriveApp.Access.ANYONE, DriveApp.Permission.OWNER)).toThrow(
      'Invalid argument',
    );
  });
});

describe('iterators', () => {
  it('resume from a continuation token and refuse to go past the end', () => {
    const { DriveApp, sector } = tree();
    for (const n of ['b', 'c', 'd']) sector.createFolder(n);
    const it = sector.getFolders();
    expect(it.next().getName()).toBe(`Rossi Anna ${ANNA}`);
    expect(it.next().getName()).toBe('b');
    const token = it.getContinuationToken();
    const resumed = DriveApp.continueFolderIterator(token);
    expect(names(resumed)).toEqual(['c', 'd']);
    expect(() => resumed.next()).toThrow('Cannot retrieve the next object: iterator has reached the end.');
    expect(() => DriveApp.continueFileIterator(token)).toThrow('Invalid argument: continuationToken');
    expect(names(DriveApp.continueFileIterator(sector.getFiles().getContinuationToken()))).toEqual([]);
  });
});

describe('service calls', () => {
  it('are counted per class and method', () => {
    const { ws, DriveApp } = setup();
    const root = DriveApp.createFolder('Agorà');
    root.createFolder('a');
    root.createFolder('b');
    drain(root.getFolders());
    expect(ws.callCount('DriveApp', 'DriveApp.createFolder')).toBe(1);
    expect(ws.callCount('DriveApp', 'Folder.createFolder')).toBe(2);
    expect(ws.callCount('DriveApp', 'Folder.getFolders')).toBe(1);
    expect(ws.callCount('DriveApp', 'FolderIterator.next')).toBe(2);
    expect(ws.callCount('DriveApp', 'FolderIterator.hasNext')).toBe(3);
  });

  it('fail where told to, with Google’s error, changing nothing', () => {
    const { ws, state, DriveApp } = setup();
    const root = DriveApp.createFolder('Agorà');
    const before = Object.keys(state.items).length;
    ws.failNth('DriveApp', 'Folder.createFolder', 1, 'transient');
    expect(() => root.createFolder('a')).toThrow('Service unavailable: DriveApp');
    expect(Object.keys(state.items)).toHaveLength(before);
    root.createFolder('a');
    expect(names(root.getFolders())).toEqual(['a']);
  });
});

it("acts with the effective user's rights, and throws errors of the script's realm", () => {
  const { ws, DriveApp } = setup();
  ws.activeUser = ANNA;
  ws.effectiveUserOverride = HR; // a web app executing as its owner
  expect(DriveApp.createFolder('Agorà').getOwner().getEmail()).toBe(HR);
  class ScriptError extends Error {}
  ws.errorConstructor = ScriptError as ErrorConstructor;
  let caught: unknown;
  try {
    DriveApp.getFileById('nope');
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ScriptError);
  expect((caught as Error).name).toBe('Exception');
});

it('keeps all its data in JSON: a saved state restores the same Drive', () => {
  const first = tree();
  first.person.addViewer(ANNA);
  const restored = setup(JSON.parse(JSON.stringify(first.state)) as DriveState);
  restored.ws.activeUser = ANNA;
  const file = restored.DriveApp.getFileById(first.agreement.getId());
  expect(file.getName()).toBe('Accordo individuale.txt');
  expect(names(file.getParents())).toEqual([`Rossi Anna ${ANNA}`]);
});
