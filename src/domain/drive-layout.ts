// Agorà's Drive by convention: Root / Organisation / Sector / "Surname Name email" / the
// agreement, its annexes and the safety notice. Names are derived from the staff records, never
// typed; the sharing of each folder follows from who the person is: the employee views their
// own folder, their manager may comment on it, HR edits everything, and nothing is shared by
// link or with the whole domain. The audit compares what Drive holds with this, and names every
// difference for the Problemi sheet (the owner's job repairs nothing by itself: a file in the
// wrong place may be there for a reason HR knows).

/** Characters Drive allows but that make a name ambiguous or unsafe to show in a path. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]/g;

/** A folder name from a record's text: unsafe characters out, spaces collapsed, never empty. */
export function folderName(text: string): string {
  const clean = text.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  return clean || '(senza nome)';
}

export interface PersonForDrive {
  email: string;
  /** "Surname Name" as HR writes it in the staff records. */
  surnameName: string;
  organisation: string;
  sector: string;
  manager: string;
}

/** The folder path of a person below the root: organisation, sector, person. */
export function personPath(p: PersonForDrive): [string, string, string] {
  return [folderName(p.organisation), folderName(p.sector), folderName(`${p.surnameName} ${p.email}`)];
}

export type Access = 'none' | 'view' | 'comment' | 'edit';

export interface ExpectedSharing {
  viewers: string[];
  commenters: string[];
  editors: string[];
}

/**
 * Who may see a person's folder and the files in it: the person views, their manager views the
 * folder and comments on its files (Drive lets a folder be shared to view or edit; commenting is
 * a file's role), HR edits. Nobody is listed twice: an HR member keeps editing.
 */
export function personSharing(
  p: PersonForDrive,
  hr: readonly string[],
): { folder: ExpectedSharing; file: ExpectedSharing } {
  const editors = [...new Set(hr.map((e) => e.toLowerCase()))].sort();
  const manager = p.manager.toLowerCase();
  const email = p.email.toLowerCase();
  const person = editors.includes(email) ? [] : [email];
  const boss = editors.includes(manager) || manager === email ? [] : [manager];
  return {
    folder: { viewers: [...person, ...boss].sort(), commenters: [], editors },
    file: { viewers: person, commenters: boss, editors },
  };
}

/** A file or folder as Drive describes it, below the root. */
export interface DriveItem {
  id: string;
  name: string;
  kind: 'folder' | 'file';
  parentId: string;
  owner: string;
  viewers: string[];
  commenters: string[];
  editors: string[];
  /** Link or domain sharing: Drive's general access other than "restricted". */
  generalAccess: string | null;
}

export interface DriveFinding {
  itemId: string;
  /** The path as it is, for HR to find it. */
  path: string;
  reason: string;
}

/**
 * Every break of the convention below the root: general access, a person's folder named or
 * placed otherwise than their record says (recorded folder ids, so a hand-renamed folder is
 * still known), sharing other than the rule, files outside a person's folder, folders no
 * record explains.
 */
export function auditDrive(
  rootId: string,
  items: readonly DriveItem[],
  people: readonly PersonForDrive[],
  personFolders: ReadonlyMap<string, string>,
  hr: readonly string[],
): DriveFinding[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const pathOf = (item: DriveItem): string => {
    const names: string[] = [];
    let at: DriveItem | undefined = item;
    for (let guard = 0; at && guard < 50; guard++) {
      names.unshift(at.name);
      at = at.parentId === rootId ? undefined : byId.get(at.parentId);
    }
    return names.join(' / ');
  };
  const findings: DriveFinding[] = [];
  const add = (item: DriveItem, reason: string) =>
    findings.push({ itemId: item.id, path: pathOf(item), reason });
  const same = (a: readonly string[], b: readonly string[]) =>
    a
      .map((x) => x.toLowerCase())
      .sort()
      .join() === [...b].sort().join();
  const checkSharing = (item: DriveItem, want: ExpectedSharing) => {
    if (
      !same(item.viewers, want.viewers) ||
      !same(item.commenters, want.commenters) ||
      !same(item.editors, want.editors)
    )
      add(
        item,
        `condivisione diversa dalla regola: lettura ${want.viewers.join(', ') || 'nessuno'}; commento ${want.commenters.join(', ') || 'nessuno'}; modifica ${want.editors.join(', ')}.`,
      );
  };
  const personOfFolder = new Map<string, PersonForDrive>();
  const expectedOrgs = new Set(people.map((p) => personPath(p)[0]));
  const expectedSectors = new Set(people.map((p) => personPath(p).slice(0, 2).join('/')));

  for (const item of items)
    if (item.generalAccess)
      add(
        item,
        `condiviso con ${item.generalAccess === 'DOMAIN' || item.generalAccess === 'DOMAIN_WITH_LINK' ? 'tutto il dominio' : 'chiunque abbia il link'}: la condivisione deve essere limitata alle persone indicate.`,
      );

  for (const p of people) {
    const id = personFolders.get(p.email.toLowerCase());
    const folder = id ? byId.get(id) : undefined;
    if (!folder) continue;
    personOfFolder.set(folder.id, p);
    const [org, sector, name] = personPath(p);
    if (folder.name !== name)
      add(folder, `la cartella di ${p.email} si deve chiamare «${name}» (è stata rinominata a mano).`);
    const parent = byId.get(folder.parentId);
    const grand = parent ? byId.get(parent.parentId) : undefined;
    if (parent?.name !== sector || grand?.name !== org || grand?.parentId !== rootId)
      add(folder, `la cartella di ${p.email} deve stare in «${org} / ${sector}».`);
    checkSharing(folder, personSharing(p, hr).folder);
  }

  for (const item of items) {
    if (personOfFolder.has(item.id)) continue;
    const parent = byId.get(item.parentId);
    const inPersonFolder = parent !== undefined && personOfFolder.has(parent.id);
    if (item.kind === 'file') {
      const owner = parent ? personOfFolder.get(parent.id) : undefined;
      if (owner) checkSharing(item, personSharing(owner, hr).file);
      else if (item.parentId !== rootId) add(item, 'file fuori dalla cartella di una persona.');
      continue;
    }
    if (inPersonFolder) continue; // annexes may be grouped in subfolders
    if (item.parentId === rootId) {
      if (!expectedOrgs.has(item.name)) add(item, 'cartella che nessun ente del personale spiega.');
    } else if (parent && parent.parentId === rootId) {
      if (!expectedSectors.has(`${parent.name}/${item.name}`))
        add(item, 'cartella che nessun settore del personale spiega.');
    } else add(item, 'cartella che non è la cartella di una persona.');
  }
  return findings;
}
