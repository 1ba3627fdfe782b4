// In-memory Google Drive behind a DriveApp fake. The whole Drive is one plain JSON state (items
// by id, each with its owner, parents and direct permissions) so a Workspace can be saved.
//
// Behaviour follows developers.google.com/apps-script/reference/drive:
// - Folder/File.getViewers(): "Gets the list of viewers and commenters for this File. If the
//   user who executes the script does not have edit access to the File, this method returns an
//   empty array." getEditors() likewise returns [] to a non-editor. The owner is reported by
//   getOwner(), not among the editors.
// - addEditor: "If the user was already on the list of viewers, this method promotes the user
//   out of the list of viewers." addViewer: "If the user was already on the list of editors,
//   this method has no effect." addCommenter (File only: DriveApp's Folder has no addCommenter):
//   "promotes the user out of the list of viewers". removeViewer: "Removes the given user from
//   the list of viewers and commenters".
// - Permissions are inherited: whoever can see or edit a folder can see or edit what is in it
//   (the folder's owner edits what others put there).
// - getFileById/getFolderById on an unknown or inaccessible id throws "No item with the given ID
//   could be found, or you do not have permission to access it."; a forbidden change throws
//   "Access denied: DriveApp."; an exhausted iterator "Cannot retrieve the next object: iterator
//   has reached the end.".
// - Search (getFilesByName, getFolders...) returns trashed items too, as DriveApp does unless a
//   search query says `trashed = false`; callers must check isTrashed(). Trashing a folder
//   trashes what is inside it.
// Rights and ownership are those of ws.effectiveUser(); errors come from ws.error().
import type { Workspace } from './core';
import { FakeBlob } from './utilities';

const ACCESS = {
  ANYONE: 'ANYONE',
  ANYONE_WITH_LINK: 'ANYONE_WITH_LINK',
  DOMAIN: 'DOMAIN',
  DOMAIN_WITH_LINK: 'DOMAIN_WITH_LINK',
  PRIVATE: 'PRIVATE',
} as const;
const PERMISSION = {
  VIEW: 'VIEW',
  EDIT: 'EDIT',
  COMMENT: 'COMMENT',
  OWNER: 'OWNER',
  ORGANIZER: 'ORGANIZER',
  FILE_ORGANIZER: 'FILE_ORGANIZER',
  NONE: 'NONE',
} as const;
type AccessName = keyof typeof ACCESS;
type PermissionName = keyof typeof PERMISSION;

const FOLDER_MIME = 'application/vnd.google-apps.folder';

interface DriveItem {
  id: string;
  kind: 'folder' | 'file';
  name: string;
  mimeType: string;
  /** Text content of a file; null for folders. */
  content: string | null;
  description: string | null;
  owner: string;
  parents: string[];
  /** Direct permissions given to users (inherited ones are computed from the parents). */
  editors: string[];
  commenters: string[];
  viewers: string[];
  /** "General access": who else can open it by link or in the domain, and with what role. */
  sharingAccess: AccessName;
  sharingPermission: PermissionName;
  shareableByEditors: boolean;
  /** Trashed explicitly; an item is also trashed when an ancestor is. */
  trashed: boolean;
  createdMs: number;
  updatedMs: number;
}

export interface DriveState {
  /** Counter behind generated ids, so runs are deterministic. */
  nextId: number;
  /** Each user's "My Drive" root folder id, created on first use. */
  roots: Record<string, string>;
  items: Record<string, DriveItem>;
}

export function emptyDriveState(): DriveState {
  return { nextId: 1, roots: {}, items: {} };
}

const NOT_FOUND = 'No item with the given ID could be found, or you do not have permission to access it.';
const ACCESS_DENIED = 'Access denied: DriveApp.';
const ITERATOR_END = 'Cannot retrieve the next object: iterator has reached the end.';

// Access levels, lowest to highest.
const NONE = 0;
const VIEW = 1;
const COMMENT = 2;
const EDIT = 3;
const OWNER = 4;

const PERMISSION_LEVEL: Record<PermissionName, number> = {
  NONE,
  VIEW,
  COMMENT,
  EDIT,
  ORGANIZER: EDIT,
  FILE_ORGANIZER: EDIT,
  OWNER,
};

interface Ctx {
  ws: Workspace;
  state: DriveState;
}

const domainOf = (email: string) => email.slice(email.indexOf('@') + 1).toLowerCase();
const sameUser = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const EMAIL = /^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$/;

function newId(ctx: Ctx): string {
  // Drive ids are long base64url strings; ours are recognisable and deterministic.
  return `1fake${(ctx.state.nextId++).toString(36).padStart(28, '0')}`;
}

function ensureRoot(ctx: Ctx, user: string): DriveItem {
  const existing = ctx.state.roots[user];
  if (existing && ctx.state.items[existing]) return ctx.state.items[existing];
  const root = makeItem(ctx, {
    kind: 'folder',
    name: 'My Drive',
    mimeType: FOLDER_MIME,
    owner: user,
    parents: [],
  });
  ctx.state.roots[user] = root.id;
  return root;
}

function makeItem(
  ctx: Ctx,
  fields: Pick<DriveItem, 'kind' | 'name' | 'mimeType' | 'owner' | 'parents'> & Partial<DriveItem>,
): DriveItem {
  const item: DriveItem = {
    id: newId(ctx),
    content: null,
    description: null,
    editors: [],
    commenters: [],
    viewers: [],
    sharingAccess: 'PRIVATE',
    sharingPermission: 'NONE',
    shareableByEditors: true,
    trashed: false,
    createdMs: ctx.ws.nowMs,
    updatedMs: ctx.ws.nowMs,
    ...fields,
  };
  ctx.state.items[item.id] = item;
  return item;
}

/** The item and all its ancestors (each once, even if the tree were malformed). */
function lineage(ctx: Ctx, item: DriveItem): DriveItem[] {
  const out: DriveItem[] = [];
  const seen = new Set<string>();
  const queue = [item];
  while (queue.length) {
    const it = queue.shift()!;
    if (seen.has(it.id)) continue;
    seen.add(it.id);
    out.push(it);
    for (const p of it.parents) if (ctx.state.items[p]) queue.push(ctx.state.items[p]);
  }
  return out;
}

/** Level a user gets from one item's own permissions (not counting its ancestors). */
function directLevel(item: DriveItem, user: string, asAncestor: boolean): number {
  let level = NONE;
  if (sameUser(item.owner, user)) level = asAncestor ? EDIT : OWNER;
  if (item.editors.some((e) => sameUser(e, user))) level = Math.max(level, EDIT);
  if (item.commenters.some((e) => sameUser(e, user))) level = Math.max(level, COMMENT);
  if (item.viewers.some((e) => sameUser(e, user))) level = Math.max(level, VIEW);
  const general = PERMISSION_LEVEL[item.sharingPermission];
  if (item.sharingAccess === 'ANYONE' || item.sharingAccess === 'ANYONE_WITH_LINK')
    level = Math.max(level, general);
  if (
    (item.sharingAccess === 'DOMAIN' || item.sharingAccess === 'DOMAIN_WITH_LINK') &&
    domainOf(item.owner) === domainOf(user)
  ) {
    level = Math.max(level, general);
  }
  return level;
}

function levelOf(ctx: Ctx, item: DriveItem, user: string): number {
  return Math.max(...lineage(ctx, item).map((it, i) => directLevel(it, user, i > 0)));
}

/** Explicit (user) permissions including inherited ones, owner of the item excluded. */
function explicitLevels(ctx: Ctx, item: DriveItem): Map<string, number> {
  const levels = new Map<string, number>();
  const raise = (user: string, level: number) => {
    const key = user.toLowerCase();
    if (sameUser(key, item.owner)) return;
    levels.set(key, Math.max(levels.get(key) ?? NONE, level));
  };
  lineage(ctx, item).forEach((it, i) => {
    if (i > 0) raise(it.owner, EDIT);
    it.editors.forEach((u) => raise(u, EDIT));
    it.commenters.forEach((u) => raise(u, COMMENT));
    it.viewers.forEach((u) => raise(u, VIEW));
  });
  return levels;
}

function isTrashed(ctx: Ctx, item: DriveItem): boolean {
  return lineage(ctx, item).some((it) => it.trashed);
}

type DUser = GoogleAppsScript.Drive.User;
type DFolder = GoogleAppsScript.Drive.Folder;
type DFile = GoogleAppsScript.Drive.File;
type DFolderIterator = GoogleAppsScript.Drive.FolderIterator;
type DFileIterator = GoogleAppsScript.Drive.FileIterator;
type UserArg = string | GoogleAppsScript.Base.User;

function emailOf(ws: Workspace, user: UserArg): string {
  const email = typeof user === 'string' ? user : user.getEmail();
  if (!EMAIL.test(String(email).trim())) throw ws.error('Invalid argument: permission.value');
  return String(email).trim();
}

class FakeUser implements Pick<DUser, 'getEmail' | 'getDomain' | 'getName'> {
  constructor(
    private readonly ws: Workspace,
    private readonly email: string,
  ) {}
  getEmail(): string {
    this.ws.call('DriveApp', 'User.getEmail');
    return this.email;
  }
  getDomain(): string {
    this.ws.call('DriveApp', 'User.getDomain');
    return domainOf(this.email);
  }
  getName(): string {
    // Drive knows display names; the fake knows only addresses.
    this.ws.call('DriveApp', 'User.getName');
    return this.email;
  }
}
const users = (ctx: Ctx, emails: string[]) => emails.map((e) => new FakeUser(ctx.ws, e) as unknown as DUser);

/** Wrapper → item id, read without counting a call (e.g. for moveTo(destination)). */
const wrapperIds = new WeakMap<object, string>();

// ---------------------------------------------------------------------------------------------
// Iterators. The continuation token carries the snapshot of ids and the position.

type IterKind = 'Folder' | 'File';

class FakeIterator {
  constructor(
    private readonly ctx: Ctx,
    private readonly kind: IterKind,
    private readonly ids: string[],
    private pos = 0,
  ) {}
  private count(method: string): void {
    this.ctx.ws.call('DriveApp', `${this.kind}Iterator.${method}`);
  }
  hasNext(): boolean {
    this.count('hasNext');
    return this.pos < this.ids.length;
  }
  next(): DFolder & DFile {
    this.count('next');
    if (this.pos >= this.ids.length) throw this.ctx.ws.error(ITERATOR_END);
    return wrap(this.ctx, this.ctx.state.items[this.ids[this.pos++]]) as DFolder & DFile;
  }
  getContinuationToken(): string {
    this.count('getContinuationToken');
    return Buffer.from(JSON.stringify({ k: this.kind, p: this.pos, ids: this.ids })).toString('base64url');
  }
}

function iterate(ctx: Ctx, kind: IterKind, items: DriveItem[]): DFolderIterator & DFileIterator {
  // Items deleted or no longer visible are skipped; creation order stands in for Drive's order.
  const ids = items
    .filter((it) => levelOf(ctx, it, ctx.ws.effectiveUser()) >= VIEW)
    .sort((a, b) => a.createdMs - b.createdMs || (a.id < b.id ? -1 : 1))
    .map((it) => it.id);
  return new FakeIterator(ctx, kind, ids) as unknown as DFolderIterator & DFileIterator;
}

function resume(ctx: Ctx, kind: IterKind, token: string): FakeIterator {
  let parsed: { k?: string; p?: number; ids?: string[] };
  try {
    parsed = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8'));
  } catch {
    parsed = {};
  }
  if (parsed.k !== kind || typeof parsed.p !== 'number' || !Array.isArray(parsed.ids)) {
    throw ctx.ws.error('Invalid argument: continuationToken');
  }
  const ids = parsed.ids.filter((id) => ctx.state.items[id]);
  return new FakeIterator(ctx, kind, ids, Math.min(parsed.p, ids.length));
}

// ---------------------------------------------------------------------------------------------
// Folder and File share most of their behaviour.

type ItemMethods =
  | 'getId'
  | 'getName'
  | 'setName'
  | 'getDescription'
  | 'setDescription'
  | 'getUrl'
  | 'getParents'
  | 'moveTo'
  | 'addEditor'
  | 'addEditors'
  | 'addViewer'
  | 'addViewers'
  | 'removeEditor'
  | 'removeViewer'
  | 'revokePermissions'
  | 'getEditors'
  | 'getViewers'
  | 'getOwner'
  | 'getAccess'
  | 'setSharing'
  | 'getSharingAccess'
  | 'getSharingPermission'
  | 'isShareableByEditors'
  | 'setShareableByEditors'
  | 'setTrashed'
  | 'isTrashed'
  | 'getDateCreated'
  | 'getLastUpdated'
  | 'setOwner';

abstract class FakeItem<Self> {
  protected abstract readonly kindName: 'Folder' | 'File';

  constructor(
    protected readonly ctx: Ctx,
    protected readonly itemId: string,
  ) {
    wrapperIds.set(this, itemId);
  }

  /** Counts the call and returns the item; a vanished item is "not found". */
  protected call(method: string): DriveItem {
    this.ctx.ws.call('DriveApp', `${this.kindName}.${method}`);
    const item = this.ctx.state.items[this.itemId];
    if (!item) throw this.ctx.ws.error(NOT_FOUND);
    return item;
  }
  protected level(item: DriveItem): number {
    return levelOf(this.ctx, item, this.ctx.ws.effectiveUser());
  }
  protected editable(method: string): DriveItem {
    const item = this.call(method);
    if (this.level(item) < EDIT) throw this.ctx.ws.error(ACCESS_DENIED);
    return item;
  }
  /** Changing who has access: the owner, or an editor while "shareable by editors". */
  protected shareable(method: string): DriveItem {
    const item = this.call(method);
    const level = this.level(item);
    if (level < EDIT || (level < OWNER && !item.shareableByEditors)) throw this.ctx.ws.error(ACCESS_DENIED);
    return item;
  }
  /** The wrapper as the Apps Script type it stands for (only the Picked methods exist). */
  protected self(): Self {
    return this as unknown as Self;
  }
  protected touched(item: DriveItem): void {
    item.updatedMs = this.ctx.ws.nowMs;
  }

  getId(): string {
    return this.call('getId').id;
  }
  getName(): string {
    return this.call('getName').name;
  }
  setName(name: string): Self {
    const item = this.editable('setName');
    item.name = String(name);
    this.touched(item);
    return this.self();
  }
  getDescription(): string | null {
    return this.call('getDescription').description;
  }
  setDescription(description: string): Self {
    const item = this.editable('setDescription');
    item.description = String(description);
    this.touched(item);
    return this.self();
  }
  getUrl(): string {
    const item = this.call('getUrl');
    return item.kind === 'folder'
      ? `https://drive.google.com/drive/folders/${item.id}`
      : `https://drive.google.com/file/d/${item.id}/view?usp=drivesdk`;
  }
  getParents(): DFolderIterator {
    const item = this.call('getParents');
    const parents = item.parents
      .map((p) => this.ctx.state.items[p])
      .filter((p): p is DriveItem => p !== undefined);
    return iterate(this.ctx, 'Folder', parents);
  }
  /** "Moves this item to the provided destination folder." Needs edit access to both. */
  moveTo(destination: DFolder): Self {
    const item = this.editable('moveTo');
    const destId = wrapperIds.get(destination as object);
    const dest = destId ? this.ctx.state.items[destId] : undefined;
    if (!dest || dest.kind !== 'folder') throw this.ctx.ws.error('Invalid argument: destination');
    if (this.level(dest) < EDIT || item.parents.length === 0) throw this.ctx.ws.error(ACCESS_DENIED);
    if (lineage(this.ctx, dest).some((it) => it.id === item.id))
      throw this.ctx.ws.error('Invalid argument: destination');
    item.parents = [dest.id];
    this.touched(item);
    return this.self();
  }

  addEditor(user: UserArg): Self {
    const item = this.shareable('addEditor');
    grant(item, emailOf(this.ctx.ws, user), 'editors');
    return this.self();
  }
  addEditors(emailAddresses: string[]): Self {
    const item = this.shareable('addEditors');
    for (const e of emailAddresses.map((e) => emailOf(this.ctx.ws, e))) grant(item, e, 'editors');
    return this.self();
  }
  addViewer(user: UserArg): Self {
    const item = this.shareable('addViewer');
    grant(item, emailOf(this.ctx.ws, user), 'viewers');
    return this.self();
  }
  addViewers(emailAddresses: string[]): Self {
    const item = this.shareable('addViewers');
    for (const e of emailAddresses.map((e) => emailOf(this.ctx.ws, e))) grant(item, e, 'viewers');
    return this.self();
  }
  removeEditor(user: UserArg): Self {
    const item = this.shareable('removeEditor');
    const email = emailOf(this.ctx.ws, user);
    item.editors = item.editors.filter((e) => !sameUser(e, email));
    return this.self();
  }
  /** "Removes the given user from the list of viewers and commenters". */
  removeViewer(user: UserArg): Self {
    const item = this.shareable('removeViewer');
    const email = emailOf(this.ctx.ws, user);
    item.viewers = item.viewers.filter((e) => !sameUser(e, email));
    item.commenters = item.commenters.filter((e) => !sameUser(e, email));
    return this.self();
  }
  revokePermissions(user: UserArg): Self {
    const item = this.shareable('revokePermissions');
    const email = emailOf(this.ctx.ws, user);
    for (const list of ['editors', 'commenters', 'viewers'] as const) {
      item[list] = item[list].filter((e) => !sameUser(e, email));
    }
    return this.self();
  }
  getEditors(): DUser[] {
    const item = this.call('getEditors');
    if (this.level(item) < EDIT) return [];
    const levels = explicitLevels(this.ctx, item);
    return users(
      this.ctx,
      [...levels].filter(([, l]) => l >= EDIT).map(([u]) => u),
    );
  }
  getViewers(): DUser[] {
    const item = this.call('getViewers');
    if (this.level(item) < EDIT) return [];
    const levels = explicitLevels(this.ctx, item);
    return users(
      this.ctx,
      [...levels].filter(([, l]) => l === VIEW || l === COMMENT).map(([u]) => u),
    );
  }
  getOwner(): DUser {
    return new FakeUser(this.ctx.ws, this.call('getOwner').owner) as unknown as DUser;
  }
  /**
   * "Changes the owner of the File. This method also gives the previous owner explicit edit
   * access." In Google Workspace ownership moves only within the organisation.
   */
  setOwner(user: UserArg): Self {
    const item = this.call('setOwner');
    if (this.level(item) < OWNER) throw this.ctx.ws.error(ACCESS_DENIED);
    const email = emailOf(this.ctx.ws, user);
    if (domainOf(email) !== domainOf(item.owner)) throw this.ctx.ws.error('Invalid argument: user');
    const previous = item.owner;
    item.owner = email;
    for (const list of ['editors', 'commenters', 'viewers'] as const)
      item[list] = item[list].filter((e) => !sameUser(e, email));
    grant(item, previous, 'editors');
    return this.self();
  }
  /** "Gets the permission granted to a specific user" (general access included). */
  getAccess(user: UserArg): GoogleAppsScript.Drive.Permission {
    const item = this.call('getAccess');
    const level = levelOf(this.ctx, item, emailOf(this.ctx.ws, user));
    const name = (['NONE', 'VIEW', 'COMMENT', 'EDIT', 'OWNER'] as const)[level];
    return name as unknown as GoogleAppsScript.Drive.Permission;
  }
  /** "Sets which class of users can access the item and what permissions those users are granted." */
  setSharing(
    accessType: GoogleAppsScript.Drive.Access,
    permissionType: GoogleAppsScript.Drive.Permission,
  ): Self {
    const item = this.shareable('setSharing');
    const access = String(accessType) as AccessName;
    const permission = String(permissionType) as PermissionName;
    if (!(access in ACCESS)) throw this.ctx.ws.error('Invalid argument: accessType');
    if (
      !(permission in PERMISSION) ||
      permission === 'OWNER' ||
      permission === 'ORGANIZER' ||
      permission === 'FILE_ORGANIZER'
    ) {
      throw this.ctx.ws.error('Invalid argument: permissionType');
    }
    item.sharingAccess = access;
    item.sharingPermission = access === 'PRIVATE' ? 'NONE' : permission;
    return this.self();
  }
  getSharingAccess(): GoogleAppsScript.Drive.Access {
    return this.call('getSharingAccess').sharingAccess as unknown as GoogleAppsScript.Drive.Access;
  }
  getSharingPermission(): GoogleAppsScript.Drive.Permission {
    return this.call('getSharingPermission')
      .sharingPermission as unknown as GoogleAppsScript.Drive.Permission;
  }
  isShareableByEditors(): boolean {
    return this.call('isShareableByEditors').shareableByEditors;
  }
  setShareableByEditors(shareable: boolean): Self {
    const item = this.call('setShareableByEditors');
    if (this.level(item) < OWNER) throw this.ctx.ws.error(ACCESS_DENIED);
    item.shareableByEditors = Boolean(shareable);
    return this.self();
  }
  /** Only the owner can trash (or restore) an item of their My Drive. */
  setTrashed(trashed: boolean): Self {
    const item = this.call('setTrashed');
    if (this.level(item) < OWNER || item.parents.length === 0) throw this.ctx.ws.error(ACCESS_DENIED);
    item.trashed = Boolean(trashed);
    this.touched(item);
    return this.self();
  }
  isTrashed(): boolean {
    return isTrashed(this.ctx, this.call('isTrashed'));
  }
  getDateCreated(): Date {
    return new Date(this.call('getDateCreated').createdMs);
  }
  getLastUpdated(): Date {
    return new Date(this.call('getLastUpdated').updatedMs);
  }
}

/** Adds a direct permission, never downgrading one the user already has on the item. */
function grant(item: DriveItem, email: string, list: 'editors' | 'commenters' | 'viewers'): void {
  if (sameUser(item.owner, email)) return;
  const has = (l: string[]) => l.some((e) => sameUser(e, email));
  const drop = (key: 'commenters' | 'viewers') => (item[key] = item[key].filter((e) => !sameUser(e, email)));
  if (list === 'editors') {
    drop('viewers');
    drop('commenters');
    if (!has(item.editors)) item.editors.push(email);
  } else if (list === 'commenters') {
    if (has(item.editors) || has(item.commenters)) return;
    drop('viewers');
    item.commenters.push(email);
  } else if (!has(item.editors) && !has(item.commenters) && !has(item.viewers)) {
    item.viewers.push(email);
  }
}

function childrenOf(ctx: Ctx, folderId: string, kind: 'folder' | 'file', name?: string): DriveItem[] {
  return Object.values(ctx.state.items).filter(
    (it) => it.kind === kind && it.parents.includes(folderId) && (name === undefined || it.name === name),
  );
}

/** A Google Doc's text as kept by the DocumentApp fake (paragraphs; tables as tab-separated rows). */
function readDocumentText(content: string | null): string {
  try {
    const parsed = JSON.parse(content ?? '{}') as {
      paragraphs?: { text: string; table?: string[][]; image?: unknown }[];
    };
    return (parsed.paragraphs ?? [])
      .map((p) => (p.table ? p.table.map((r) => r.join('\t')).join('\n') : p.image ? '[immagine]' : p.text))
      .join('\n');
  } catch {
    return '';
  }
}

function createFileIn(
  ctx: Ctx,
  parent: DriveItem,
  nameOrBlob: unknown,
  content: unknown,
  mimeType: unknown,
): DriveItem {
  // createFile(blob): "Creates a file in the current folder from a given Blob of arbitrary data."
  if (nameOrBlob instanceof FakeBlob)
    return makeItem(ctx, {
      kind: 'file',
      name: nameOrBlob.getName() ?? 'Untitled',
      mimeType: nameOrBlob.getContentType() ?? 'application/octet-stream',
      content: nameOrBlob.getDataAsString(),
      owner: ctx.ws.effectiveUser(),
      parents: [parent.id],
    });
  if (typeof nameOrBlob !== 'string')
    throw ctx.ws.error('The in-memory Drive only creates files from text content or a Blob.');
  // "Throws an exception if content is larger than 50 MB" (10 MB with a MIME type).
  const text = String(content ?? '');
  if (text.length > (mimeType === undefined ? 50 : 10) * 1024 * 1024)
    throw ctx.ws.error('File content too large.');
  return makeItem(ctx, {
    kind: 'file',
    name: nameOrBlob,
    mimeType: typeof mimeType === 'string' ? mimeType : 'text/plain',
    content: text,
    owner: ctx.ws.effectiveUser(),
    parents: [parent.id],
  });
}

class FakeFolder
  extends FakeItem<DFolder>
  implements
    Pick<
      DFolder,
      | ItemMethods
      | 'getFolders'
      | 'getFiles'
      | 'getFoldersByName'
      | 'getFilesByName'
      | 'createFolder'
      | 'createFile'
    >
{
  protected readonly kindName = 'Folder';

  getFolders(): DFolderIterator {
    const item = this.call('getFolders');
    return iterate(this.ctx, 'Folder', childrenOf(this.ctx, item.id, 'folder'));
  }
  getFiles(): DFileIterator {
    const item = this.call('getFiles');
    return iterate(this.ctx, 'File', childrenOf(this.ctx, item.id, 'file'));
  }
  getFoldersByName(name: string): DFolderIterator {
    const item = this.call('getFoldersByName');
    return iterate(this.ctx, 'Folder', childrenOf(this.ctx, item.id, 'folder', String(name)));
  }
  getFilesByName(name: string): DFileIterator {
    const item = this.call('getFilesByName');
    return iterate(this.ctx, 'File', childrenOf(this.ctx, item.id, 'file', String(name)));
  }
  /** The new folder belongs to whoever creates it, inside a folder they can edit. */
  createFolder(name: string): DFolder {
    const parent = this.editable('createFolder');
    const folder = makeItem(this.ctx, {
      kind: 'folder',
      name: String(name),
      mimeType: FOLDER_MIME,
      owner: this.ctx.ws.effectiveUser(),
      parents: [parent.id],
    });
    return wrap(this.ctx, folder) as DFolder;
  }
  createFile(
    nameOrBlob: string | GoogleAppsScript.Base.BlobSource,
    content?: string,
    mimeType?: string,
  ): DFile {
    const parent = this.editable('createFile');
    return wrap(this.ctx, createFileIn(this.ctx, parent, nameOrBlob, content, mimeType)) as DFile;
  }
}

class FakeFile
  extends FakeItem<DFile>
  implements
    Pick<
      DFile,
      | ItemMethods
      | 'getMimeType'
      | 'addCommenter'
      | 'addCommenters'
      | 'removeCommenter'
      | 'getSize'
      | 'makeCopy'
      | 'getBlob'
      | 'getAs'
    >
{
  protected readonly kindName = 'File';

  getMimeType(): string {
    return this.call('getMimeType').mimeType;
  }
  getSize(): number {
    return Buffer.byteLength(this.call('getSize').content ?? '', 'utf8');
  }
  addCommenter(user: UserArg): DFile {
    const item = this.shareable('addCommenter');
    grant(item, emailOf(this.ctx.ws, user), 'commenters');
    return this.self();
  }
  addCommenters(emailAddresses: string[]): DFile {
    const item = this.shareable('addCommenters');
    for (const e of emailAddresses.map((e) => emailOf(this.ctx.ws, e))) grant(item, e, 'commenters');
    return this.self();
  }
  removeCommenter(user: UserArg): DFile {
    const item = this.shareable('removeCommenter');
    const email = emailOf(this.ctx.ws, user);
    item.commenters = item.commenters.filter((e) => !sameUser(e, email));
    return this.self();
  }
  /**
   * "Return the data inside this object as a blob." A Google file (Docs, Sheets…) would be
   * converted (to PDF): the in-memory Drive does not convert, and says so.
   */
  /**
   * "Return the data inside this object as a blob converted to the specified content type." A
   * Google Doc converts to PDF: the in-memory PDF holds the document's text after a PDF header
   * (enough to tell it is the document's, not a renderer). Other conversions are refused.
   */
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    const item = this.call('getAs');
    const type = String(contentType);
    let text: string;
    if (item.mimeType === GOOGLE_MIME.document && type === 'application/pdf')
      text = `%PDF-1.7\n% in-memory rendering of a Google Doc\n${readDocumentText(item.content)}`;
    else if (item.mimeType === type && !type.startsWith('application/vnd.google-apps.'))
      text = item.content ?? '';
    else throw this.ctx.ws.error(`Converting from ${item.mimeType} to ${type} is not supported.`);
    const extension = type === 'application/pdf' ? '.pdf' : '';
    return new FakeBlob(
      this.ctx.ws,
      Buffer.from(text, 'utf8'),
      type,
      item.name + extension,
    ) as unknown as GoogleAppsScript.Base.Blob;
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    const item = this.call('getBlob');
    if (item.mimeType.startsWith('application/vnd.google-apps.'))
      throw this.ctx.ws.error(`The in-memory Drive does not convert ${item.mimeType} files.`);
    return new FakeBlob(
      this.ctx.ws,
      Buffer.from(item.content ?? '', 'utf8'),
      item.mimeType,
      item.name,
    ) as unknown as GoogleAppsScript.Base.Blob;
  }
  /**
   * "Creates a copy of the file in the destination directory and names it with the name
   * provided" (makeCopy(), makeCopy(name), makeCopy(destination), makeCopy(name, destination)).
   * Whoever can open the file may copy it; the copy is theirs, in a folder they can edit (without
   * one: the original's folder if they can edit it, else their My Drive), with the content and
   * none of the original's own sharing (it inherits its new folder's).
   */
  makeCopy(nameOrDestination?: string | DFolder, destination?: DFolder): DFile {
    const item = this.call('makeCopy');
    const user = this.ctx.ws.effectiveUser();
    const dest = typeof nameOrDestination === 'object' ? nameOrDestination : destination;
    const name = typeof nameOrDestination === 'string' ? nameOrDestination : `Copy of ${item.name}`;
    let parent: DriveItem | undefined;
    if (dest !== undefined) {
      const destId = wrapperIds.get(dest as object);
      parent = destId ? this.ctx.state.items[destId] : undefined;
      if (!parent || parent.kind !== 'folder') throw this.ctx.ws.error('Invalid argument: destination');
      if (this.level(parent) < EDIT) throw this.ctx.ws.error(ACCESS_DENIED);
    } else {
      parent = item.parents
        .map((p) => this.ctx.state.items[p])
        .find((p) => p !== undefined && this.level(p) >= EDIT);
      parent ??= ensureRoot(this.ctx, user);
    }
    const copy = makeItem(this.ctx, {
      kind: 'file',
      name,
      mimeType: item.mimeType,
      content: item.content,
      description: item.description,
      owner: user,
      parents: [parent.id],
    });
    return wrap(this.ctx, copy) as DFile;
  }
}

function wrap(ctx: Ctx, item: DriveItem): DFolder | DFile {
  return (item.kind === 'folder' ? new FakeFolder(ctx, item.id) : new FakeFile(ctx, item.id)) as unknown as
    DFolder | DFile;
}

type DriveAppFake = Pick<
  GoogleAppsScript.Drive.DriveApp,
  | 'Access'
  | 'Permission'
  | 'getRootFolder'
  | 'createFolder'
  | 'createFile'
  | 'getFolderById'
  | 'getFileById'
  | 'getFoldersByName'
  | 'getFilesByName'
  | 'getFolders'
  | 'getFiles'
  | 'continueFolderIterator'
  | 'continueFileIterator'
>;

/** DriveApp over `state`. Calls are counted as `DriveApp.<Class>.<method>`, e.g. `DriveApp.Folder.createFolder`. */
export function createDriveApp(ws: Workspace, state: DriveState): DriveAppFake {
  const ctx: Ctx = { ws, state };
  const call = (method: string) => {
    ws.call('DriveApp', `DriveApp.${method}`);
    ws.requireAuthorization(`DriveApp.${method}`, 'https://www.googleapis.com/auth/drive');
  };
  const visible = (kind: 'folder' | 'file', id: string): DriveItem => {
    const item = state.items[String(id)];
    if (!item || item.kind !== kind || levelOf(ctx, item, ws.effectiveUser()) < VIEW)
      throw ws.error(NOT_FOUND);
    return item;
  };
  // Searches cover everything the user can see, their own root folder aside.
  const all = (kind: 'folder' | 'file', name?: string) =>
    Object.values(state.items).filter(
      (it) => it.kind === kind && it.parents.length > 0 && (name === undefined || it.name === name),
    );

  return {
    Access: ACCESS as unknown as typeof GoogleAppsScript.Drive.Access,
    Permission: PERMISSION as unknown as typeof GoogleAppsScript.Drive.Permission,
    getRootFolder(): DFolder {
      call('getRootFolder');
      return wrap(ctx, ensureRoot(ctx, ws.effectiveUser())) as DFolder;
    },
    createFolder(name: string): DFolder {
      call('createFolder');
      const root = ensureRoot(ctx, ws.effectiveUser());
      return wrap(
        ctx,
        makeItem(ctx, {
          kind: 'folder',
          name: String(name),
          mimeType: FOLDER_MIME,
          owner: ws.effectiveUser(),
          parents: [root.id],
        }),
      ) as DFolder;
    },
    createFile(
      nameOrBlob: string | GoogleAppsScript.Base.BlobSource,
      content?: string,
      mimeType?: string,
    ): DFile {
      call('createFile');
      return wrap(
        ctx,
        createFileIn(ctx, ensureRoot(ctx, ws.effectiveUser()), nameOrBlob, content, mimeType),
      ) as DFile;
    },
    getFolderById(id: string): DFolder {
      call('getFolderById');
      return wrap(ctx, visible('folder', id)) as DFolder;
    },
    getFileById(id: string): DFile {
      call('getFileById');
      return wrap(ctx, visible('file', id)) as DFile;
    },
    getFoldersByName(name: string): DFolderIterator {
      call('getFoldersByName');
      return iterate(ctx, 'Folder', all('folder', String(name)));
    },
    getFilesByName(name: string): DFileIterator {
      call('getFilesByName');
      return iterate(ctx, 'File', all('file', String(name)));
    },
    getFolders(): DFolderIterator {
      call('getFolders');
      return iterate(ctx, 'Folder', all('folder'));
    },
    getFiles(): DFileIterator {
      call('getFiles');
      return iterate(ctx, 'File', all('file'));
    },
    continueFolderIterator(continuationToken: string): DFolderIterator {
      call('continueFolderIterator');
      return resume(ctx, 'Folder', continuationToken) as unknown as DFolderIterator;
    },
    continueFileIterator(continuationToken: string): DFileIterator {
      call('continueFileIterator');
      return resume(ctx, 'File', continuationToken) as unknown as DFileIterator;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Google files made by other services

/** Mime types of the Google files other services make (each is a Drive file too). */
export const GOOGLE_MIME = {
  folder: FOLDER_MIME,
  spreadsheet: 'application/vnd.google-apps.spreadsheet',
  form: 'application/vnd.google-apps.form',
  script: 'application/vnd.google-apps.script',
  document: 'application/vnd.google-apps.document',
} as const;

/** Access levels, lowest to highest, as the other fakes compare them. */
export const ACCESS_LEVEL = { NONE, VIEW, COMMENT, EDIT, OWNER } as const;

/**
 * A spreadsheet, a form or a script project is a Drive file: who may open or change it is
 * decided by Drive sharing ("Share" in any editor is Drive's dialog; Spreadsheet.addEditor is
 * documented as the same permission). The other fakes keep their content and ask Drive who may
 * do what, so one sharing model serves every service.
 */
export function createDriveFiles(ws: Workspace, state: DriveState) {
  const ctx: Ctx = { ws, state };
  const item = (id: string): DriveItem | undefined => state.items[id];
  return {
    /** Registers a file another service created: `owner` owns it, in their My Drive. */
    add(id: string, name: string, mimeType: string, owner: string): void {
      if (state.items[id]) return;
      const root = ensureRoot(ctx, owner);
      makeItem(ctx, { id, kind: 'file', name, mimeType, owner, parents: [root.id] });
    },
    exists(id: string): boolean {
      const it = item(id);
      return it !== undefined && !isTrashed(ctx, it);
    },
    /** `user`'s access level to the file (ACCESS_LEVEL); NONE when there is no such file. */
    level(id: string, user: string): number {
      const it = item(id);
      return it && user ? levelOf(ctx, it, user) : NONE;
    },
    owner(id: string): string | null {
      return item(id)?.owner ?? null;
    },
    /** Creates a file in `owner`'s My Drive (for services that make their own files) and returns its id. */
    create(name: string, mimeType: string, owner: string, content: string): string {
      const root = ensureRoot(ctx, owner);
      return makeItem(ctx, { kind: 'file', name, mimeType, owner, parents: [root.id], content }).id;
    },
    name(id: string): string {
      return item(id)?.name ?? '';
    },
    mimeType(id: string): string {
      return item(id)?.mimeType ?? '';
    },
    content(id: string): string | null {
      return item(id)?.content ?? null;
    },
    setContent(id: string, content: string): void {
      const it = item(id);
      if (!it) return;
      it.content = content;
      it.updatedMs = ws.nowMs;
    },
    /** The folder ids the file is in. */
    parents(id: string): string[] {
      return [...(item(id)?.parents ?? [])];
    },
    rename(id: string, name: string): void {
      const it = item(id);
      if (it) it.name = name;
    },
    /** Users with edit access (inherited included), the owner excluded. */
    editors(id: string): string[] {
      const it = item(id);
      if (!it) return [];
      return [...explicitLevels(ctx, it)].filter(([, l]) => l >= EDIT).map(([u]) => u);
    },
    /** Users with view or comment access only. */
    viewers(id: string): string[] {
      const it = item(id);
      if (!it) return [];
      return [...explicitLevels(ctx, it)].filter(([, l]) => l === VIEW || l === COMMENT).map(([u]) => u);
    },
    grant(id: string, email: string, role: 'editors' | 'commenters' | 'viewers'): void {
      const it = item(id);
      if (it) grant(it, emailOf(ws, email), role);
    },
    /** Removes a user's direct permissions of one role (or all of them). */
    revoke(id: string, email: string, role?: 'editors' | 'commenters' | 'viewers'): void {
      const it = item(id);
      if (!it) return;
      for (const list of role ? [role] : (['editors', 'commenters', 'viewers'] as const))
        it[list] = it[list].filter((e) => !sameUser(e, email));
    },
    /** General access ("anyone with the link", "people in the domain"): its role, or null when private. */
    generalAccess(id: string): { access: string; permission: string } | null {
      const it = item(id);
      if (!it || it.sharingAccess === 'PRIVATE') return null;
      return { access: it.sharingAccess, permission: it.sharingPermission };
    },
    setGeneralAccess(id: string, access: AccessName, permission: PermissionName): void {
      const it = item(id);
      if (!it) return;
      it.sharingAccess = access;
      it.sharingPermission = access === 'PRIVATE' ? 'NONE' : permission;
    },
  };
}
export type DriveFiles = ReturnType<typeof createDriveFiles>;
