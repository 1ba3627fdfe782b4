// Agorà's Drive folder by convention, through the bundle: the owner's sync makes each person's
// folder under organisation and sector, shared by the rule; the register check lists what
// breaks the convention (planted here: link sharing, a misplaced file, a hand-renamed folder,
// a sector change) and the sync puts a moved person's folder in its new place.
import { FOLDER_PROPERTY_PREFIX, type FolderSync } from '../../src/gas/drive-folders';
import { PROPERTY } from '../../src/gas/properties';
import { SHEETS } from '../../src/gas/schema';
import { ANNA, LUCA, MANAGER, OWNER, Product, bundlePath } from '../helpers/product';

beforeAll(() => {
  bundlePath();
});

function synced(): Product {
  const p = Product.start();
  expect(p.bundle.run(OWNER, 'syncDriveFolders')).toEqual({ created: 3, moved: 0, renamed: 0, shared: 6 });
  return p;
}

const folderOf = (p: Product, email: string) => p.property(FOLDER_PROPERTY_PREFIX + email) as string;
const driveProblems = (p: Product) => {
  p.bundle.run(OWNER, 'checkRegister');
  return p
    .problems()
    .filter((x) => x.sheet === 'Drive')
    .map((x) => x.reason);
};

describe('Drive by convention', () => {
  test('each person has a folder under organisation and sector, viewed by them and their manager, edited by HR', () => {
    const p = synced();
    const item = (id: string) => p.state.drive.items[id];
    const anna = item(folderOf(p, ANNA));
    expect(anna.name).toBe(`Anna Rossi ${ANNA}`);
    const sector = item(anna.parents[0]);
    const org = item(sector.parents[0]);
    expect([org.name, sector.name, org.parents[0]]).toEqual([
      "Unione Terre d'Argine",
      'Servizi al personale',
      p.property(PROPERTY.driveRootId),
    ]);
    expect(p.testing.files.owner(anna.id)).toBe(OWNER);
    expect(p.testing.files.viewers(anna.id).sort()).toEqual([ANNA, MANAGER].sort());
    expect(p.testing.files.generalAccess(anna.id)).toBeNull();
    expect(driveProblems(p)).toEqual([]);
    // Again: nothing to do.
    expect(p.bundle.run(OWNER, 'syncDriveFolders') as FolderSync).toEqual({
      created: 0,
      moved: 0,
      renamed: 0,
      shared: 0,
    });
  });

  test('the check finds link sharing, a misplaced file and a hand-renamed folder; it repairs nothing', () => {
    const p = synced();
    const anna = folderOf(p, ANNA);
    p.asOwner(() => {
      const { DriveApp } = p.globals;
      const folder = DriveApp.getFolderById(anna);
      const agreement = folder.createFile('Accordo.pdf', 'accordo', 'application/pdf');
      agreement.addViewer(ANNA);
      agreement.addCommenter(MANAGER);
      agreement.setSharing(
        'ANYONE_WITH_LINK' as unknown as GoogleAppsScript.Drive.Access,
        'VIEW' as unknown as GoogleAppsScript.Drive.Permission,
      );
      const sector = folder.getParents().next();
      sector.createFile('Accordo Luca.pdf', 'accordo', 'application/pdf');
      DriveApp.getFolderById(folderOf(p, LUCA)).setName('Luca B.');
    });
    const problems = driveProblems(p);
    expect(problems).toEqual([
      expect.stringMatching(/\/ Accordo\.pdf: condiviso con chiunque abbia il link/),
      expect.stringMatching(
        /Luca B\.: la cartella di luca\.bianchi@terredargine\.example si deve chiamare «Luca Bianchi luca\.bianchi@terredargine\.example»/,
      ),
      expect.stringMatching(
        /Servizi al personale \/ Accordo Luca\.pdf: file fuori dalla cartella di una persona\./,
      ),
    ]);
    // The sync names the folder back; the planted file stays for HR.
    expect((p.bundle.run(OWNER, 'syncDriveFolders') as FolderSync).renamed).toBe(1);
    expect(driveProblems(p)).toHaveLength(2);
  });

  test('a sector change: the check says where the folder belongs, the sync moves it there', () => {
    const p = synced();
    p.asOwner(() => {
      const sheet = p.spreadsheet().getSheetByName(SHEETS.employees.name);
      if (!sheet) throw new Error('no Dipendenti');
      const values = sheet.getDataRange().getValues();
      const header = values[0].map(String);
      const row = values.findIndex((r) => r[header.indexOf('Email')] === ANNA);
      sheet.getRange(row + 1, header.indexOf('Settore') + 1).setValue('Cultura');
    });
    expect(driveProblems(p)).toEqual([
      expect.stringMatching(
        /la cartella di anna\.rossi@terredargine\.example deve stare in «Unione Terre d'Argine \/ Cultura»/,
      ),
    ]);
    expect((p.bundle.run(OWNER, 'syncDriveFolders') as FolderSync).moved).toBe(1);
    const anna = p.state.drive.items[folderOf(p, ANNA)];
    expect(p.state.drive.items[anna.parents[0]].name).toBe('Cultura');
    expect(driveProblems(p)).toEqual([]);
  });

  test('only the owner runs the sync', () => {
    const p = Product.start();
    expect(() => p.bundle.run(MANAGER, 'syncDriveFolders')).toThrow();
  });
});
