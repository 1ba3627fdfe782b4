// Drive by convention: derived names, the sharing rule, and the audit finding what breaks them.
import {
  auditDrive,
  folderName,
  personPath,
  personSharing,
  type DriveItem,
  type PersonForDrive,
} from '../../src/domain/drive-layout';

const HR = ['personale@terredargine.example'];
const ANNA: PersonForDrive = {
  email: 'anna.rossi@terredargine.example',
  surnameName: 'Rossi Anna',
  organisation: 'Comune di Carpi',
  sector: 'Servizi sociali',
  manager: 'mario.ferrari@terredargine.example',
};

function item(id: string, name: string, parentId: string, more: Partial<DriveItem> = {}): DriveItem {
  return {
    id,
    name,
    kind: 'folder',
    parentId,
    owner: 'hr@terredargine.example',
    viewers: [],
    commenters: [],
    editors: HR,
    generalAccess: null,
    ...more,
  };
}

/** The tree as Agorà makes it for Anna, with her agreement. */
function tree(): DriveItem[] {
  return [
    item('org', 'Comune di Carpi', 'root'),
    item('sec', 'Servizi sociali', 'org'),
    item('anna', 'Rossi Anna anna.rossi@terredargine.example', 'sec', {
      viewers: [ANNA.email, ANNA.manager],
    }),
    item('acc', 'Accordo 2027.pdf', 'anna', {
      kind: 'file',
      viewers: [ANNA.email],
      commenters: [ANNA.manager],
    }),
    item('arch', 'Agorà — Archivio 2026', 'root', { kind: 'file' }),
  ];
}

const folders = new Map([[ANNA.email, 'anna']]);

describe('drive layout', () => {
  test('names are derived and safe; sharing follows the person', () => {
    expect(personPath(ANNA)).toEqual([
      'Comune di Carpi',
      'Servizi sociali',
      'Rossi Anna anna.rossi@terredargine.example',
    ]);
    expect(folderName(' Polizia  locale / Nord ')).toBe('Polizia locale Nord');
    expect(folderName('///')).toBe('(senza nome)');
    expect(personSharing(ANNA, HR)).toEqual({
      folder: { viewers: [ANNA.email, ANNA.manager].sort(), commenters: [], editors: HR },
      file: { viewers: [ANNA.email], commenters: [ANNA.manager], editors: HR },
    });
    // HR's own folder: HR edits it, nobody is added as viewer but the manager.
    expect(personSharing({ ...ANNA, email: HR[0] }, HR).folder.viewers).toEqual([ANNA.manager]);
  });

  test('the tree Agorà makes has nothing to report', () => {
    expect(auditDrive('root', tree(), [ANNA], folders, HR)).toEqual([]);
  });

  test('planted violations: link sharing, a misplaced file, a hand-renamed folder, a stray folder, extra sharing', () => {
    const planted = tree().map((i) =>
      i.id === 'anna'
        ? { ...i, name: 'Anna R.', viewers: [...i.viewers, 'collega@terredargine.example'] }
        : i.id === 'acc'
          ? { ...i, generalAccess: 'ANYONE_WITH_LINK' }
          : i,
    );
    planted.push(item('misplaced', 'Accordo Luca.pdf', 'sec', { kind: 'file' }));
    planted.push(item('stray', 'Vecchi documenti', 'root'));
    const findings = auditDrive('root', planted, [ANNA], folders, HR);
    expect(findings.map((f) => [f.itemId, f.path, f.reason.split(':')[0].split(' (')[0]])).toEqual([
      [
        'acc',
        'Comune di Carpi / Servizi sociali / Anna R. / Accordo 2027.pdf',
        'condiviso con chiunque abbia il link',
      ],
      [
        'anna',
        'Comune di Carpi / Servizi sociali / Anna R.',
        'la cartella di anna.rossi@terredargine.example si deve chiamare «Rossi Anna anna.rossi@terredargine.example»',
      ],
      ['anna', 'Comune di Carpi / Servizi sociali / Anna R.', 'condivisione diversa dalla regola'],
      [
        'misplaced',
        'Comune di Carpi / Servizi sociali / Accordo Luca.pdf',
        'file fuori dalla cartella di una persona.',
      ],
      ['stray', 'Vecchi documenti', 'cartella che nessun ente del personale spiega.'],
    ]);
  });

  test('a sector change: the folder is expected in the new sector', () => {
    const moved = { ...ANNA, sector: 'Cultura' };
    const findings = auditDrive('root', tree(), [moved], folders, HR);
    expect(findings.map((f) => f.reason)).toEqual([
      'la cartella di anna.rossi@terredargine.example deve stare in «Comune di Carpi / Cultura».',
      'cartella che nessun settore del personale spiega.',
    ]);
  });
});
