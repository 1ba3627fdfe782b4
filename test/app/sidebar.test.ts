// The managers' sidebar read model (sidebar.ts): what the signed-in user may see. A manager
// sees the pending days of their own people only, grouped by person and ISO week, with the
// warnings, the blocks a re-check would raise, the counters and the site occupancy; HR sees
// everyone; a colleague sees nothing of others; everyone sees their own days and quota.
import { ANNA, GIULIA, HR, LUCA, MARIO, PAOLO, SITE, at, d, employee, request, world } from './fixtures';
import { cancelDay, decideDay } from '../../src/app/decisions';
import { sidebarData, type SidebarDto } from '../../src/app/sidebar';

// The small Unione of ./fixtures: Mario manages Anna and Luca, Giulia manages Paolo, HR is an admin;
// the clock starts on Monday 2 November 2026 at 09:00.
const PAOLO_NOTE = '<script>alert("x")</script> & =SUM(A1) «riunione»\n  due righe ';

/**
 * Anna: 9 (home) and 10 (Soliera) pending in week 46, 16 pending in week 47.
 * Luca: 9 pending (a team-coverage warning: Anna is away too), 12 approved, 13 refused.
 * Paolo (Giulia's): 9 pending, with a note.
 */
function teamWorld() {
  const w = world();
  request(w, ANNA, ['2026-11-09', '2026-11-16']);
  request(w, ANNA, ['2026-11-10'], SITE);
  request(w, LUCA, ['2026-11-09', '2026-11-12', '2026-11-13']); // the 13th is the third of the week
  request(w, PAOLO, ['2026-11-09'], 'home', PAOLO_NOTE);
  expect(decideDay(w.ports, MARIO, { employee: LUCA, date: '2026-11-12', decision: 'approve' }).ok).toBe(
    true,
  );
  return w;
}
const pendingShape = (dto: SidebarDto) =>
  dto.pending.map((p) => [p.email, p.weeks.map((wk) => [wk.week, wk.days.map((x) => x.date)])]);

describe('a manager', () => {
  it('sees the pending days of their people, grouped by person and ISO week, in date order', () => {
    const w = teamWorld();
    const dto = sidebarData(w.ports, MARIO);
    expect(dto).toMatchObject({ user: MARIO, isAdmin: false, today: '2026-11-02' });
    expect(pendingShape(dto)).toEqual([
      [
        ANNA,
        [
          ['2026-W46', ['2026-11-09', '2026-11-10']],
          ['2026-W47', ['2026-11-16']],
        ],
      ],
      [LUCA, [['2026-W46', ['2026-11-09']]]],
    ]);
    expect(dto.pending.map((p) => [p.name, p.sector])).toEqual([
      ['Anna Rossi', 'Servizi al personale'],
      ['Luca Bianchi', 'Servizi al personale'],
    ]);
  });

  it('with each day: labels, warnings from submission, counters and site occupancy', () => {
    const w = teamWorld();
    const [anna, luca] = sidebarData(w.ports, MARIO).pending;
    const [mon, tue] = anna.weeks[0].days;
    expect(mon).toEqual({
      employee: ANNA,
      date: '2026-11-09',
      dateLabel: 'lunedì 9 novembre 2026',
      location: 'home',
      locationLabel: 'casa',
      note: '',
      warnings: [],
      blocks: [],
      week: { used: 2, limit: 2 },
      month: { used: 3, limit: 8 },
      site: null,
    });
    expect(tue).toMatchObject({
      location: SITE,
      locationLabel: 'Municipio di Soliera',
      site: { used: 1, limit: 2 },
      week: { used: 2, limit: 2 },
    });
    const lucaDay = luca.weeks[0].days[0];
    expect(lucaDay.warnings.map((x) => x.rule)).toEqual(['TEAM_COVERAGE']);
    expect(lucaDay.warnings[0].message).toContain('2 su 2 persone');
    expect(lucaDay.blocks).toEqual([]);
    // Luca's approved 12th counts; his refused 13th does not.
    expect(lucaDay.week).toEqual({ used: 2, limit: 2 });
    expect(lucaDay.month).toEqual({ used: 2, limit: 8 });
  });

  it('sees the blocks an approval would now meet (HR lowered the weekly cap)', () => {
    const w = teamWorld();
    w.snapshot.policy.maxDaysPerWeek = 1;
    const [anna] = sidebarData(w.ports, MARIO).pending;
    expect(anna.weeks[0].days.map((x) => [x.date, x.blocks.map((b) => b.rule), x.week])).toEqual([
      ['2026-11-09', ['WEEKLY_CAP'], { used: 2, limit: 1 }],
      ['2026-11-10', ['WEEKLY_CAP'], { used: 2, limit: 1 }],
    ]);
    expect(anna.weeks[1].days[0].blocks).toEqual([]);
  });

  it('does not see another manager’s people, anywhere in what is returned', () => {
    const w = teamWorld();
    const dto = sidebarData(w.ports, MARIO);
    const json = JSON.stringify(dto);
    expect(json).not.toContain(PAOLO);
    expect(json).not.toContain('Paolo');
    expect(json).not.toContain('alert');
    const giulia = sidebarData(w.ports, GIULIA);
    expect(pendingShape(giulia)).toEqual([[PAOLO, [['2026-W46', ['2026-11-09']]]]]);
    expect(JSON.stringify(giulia)).not.toMatch(/anna|luca/i);
  });

  it('gets notes back as the plain strings typed, untouched (escaping is the page’s job)', () => {
    const w = teamWorld();
    const [paolo] = sidebarData(w.ports, GIULIA).pending;
    expect(paolo.weeks[0].days[0].note).toBe(PAOLO_NOTE);
  });

  it('never sees special-category data (priority categories are for HR alone)', () => {
    const w = teamWorld();
    w.snapshot.employees[0].priority = 'caregiver';
    w.snapshot.employees[1].priority = 'disability';
    const json = JSON.stringify(sidebarData(w.ports, MARIO));
    expect(json).not.toMatch(/caregiver|disabilit|priority/i);
  });

  it('sees the team month: who is away which day, where, pending or approved', () => {
    const w = teamWorld();
    cancelDay(w.ports, ANNA, { employee: ANNA, date: '2026-11-16' });
    const { team } = sidebarData(w.ports, MARIO);
    expect(team).toEqual({
      month: '2026-11',
      days: [
        {
          date: '2026-11-09',
          people: [
            { name: 'Anna Rossi', location: 'casa', status: 'in attesa' },
            { name: 'Luca Bianchi', location: 'casa', status: 'in attesa' },
          ],
        },
        {
          date: '2026-11-10',
          people: [{ name: 'Anna Rossi', location: 'Municipio di Soliera', status: 'in attesa' }],
        },
        { date: '2026-11-12', people: [{ name: 'Luca Bianchi', location: 'casa', status: 'approvata' }] },
      ],
    });
  });

  it('may ask for another month; a malformed month falls back to the current one', () => {
    const w = teamWorld();
    request(w, ANNA, ['2026-12-02']);
    expect(sidebarData(w.ports, MARIO, '2026-12').team).toEqual({
      month: '2026-12',
      days: [{ date: '2026-12-02', people: [{ name: 'Anna Rossi', location: 'casa', status: 'in attesa' }] }],
    });
    expect(sidebarData(w.ports, MARIO, 'dicembre').team.month).toBe('2026-11');
    expect(sidebarData(w.ports, MARIO, '2026-12-01').team.month).toBe('2026-11');
  });

  it('no longer sees a day once it is decided or cancelled', () => {
    const w = teamWorld();
    decideDay(w.ports, MARIO, { employee: ANNA, date: '2026-11-09', decision: 'approve' });
    decideDay(w.ports, MARIO, { employee: ANNA, date: '2026-11-10', decision: 'reject', reason: 'no' });
    cancelDay(w.ports, LUCA, { employee: LUCA, date: '2026-11-09' });
    expect(pendingShape(sidebarData(w.ports, MARIO))).toEqual([[ANNA, [['2026-W47', ['2026-11-16']]]]]);
  });
});

describe('a delegate', () => {
  it('sees the manager’s people only within the delegation', () => {
    const w = teamWorld();
    w.snapshot.delegations = [
      { manager: MARIO, delegate: GIULIA, from: d('2026-11-02'), to: d('2026-11-05') },
    ];
    expect(sidebarData(w.ports, GIULIA).pending.map((p) => p.email)).toEqual([ANNA, LUCA, PAOLO]);
    w.clock.current = at('2026-11-06T09:00');
    expect(sidebarData(w.ports, GIULIA).pending.map((p) => p.email)).toEqual([PAOLO]);
  });
});

describe('HR', () => {
  it('sees everyone’s pending days, and is flagged as admin', () => {
    const w = teamWorld();
    const dto = sidebarData(w.ports, HR);
    expect(dto.isAdmin).toBe(true);
    expect(dto.pending.map((p) => p.email)).toEqual([ANNA, LUCA, PAOLO]);
    expect(dto.team.days.find((x) => x.date === '2026-11-09')?.people.map((p) => p.name)).toEqual([
      'Anna Rossi',
      'Luca Bianchi',
      'Paolo Verdi',
    ]);
  });

  it('who is also an employee does not get their own days to decide', () => {
    const w = world({
      employees: [employee(ANNA, MARIO), employee(HR, MARIO, { sector: 'Personale' })],
    });
    request(w, ANNA, ['2026-11-09']);
    request(w, HR, ['2026-11-10']);
    const dto = sidebarData(w.ports, HR);
    expect(dto.pending.map((p) => p.email)).toEqual([ANNA]);
    expect(dto.own.days.map((x) => x.date)).toEqual(['2026-11-10']);
  });
});

describe('a colleague', () => {
  it('sees nothing of others, only their own days and quota', () => {
    const w = teamWorld();
    const dto = sidebarData(w.ports, LUCA);
    expect(dto.isAdmin).toBe(false);
    expect(dto.pending).toEqual([]);
    expect(dto.team.days).toEqual([]);
    expect(JSON.stringify(dto)).not.toMatch(/anna|paolo/i);
    expect(dto.own.days.map((x) => [x.date, x.status, x.statusLabel, x.cancellable])).toEqual([
      ['2026-11-13', 'refused', 'respinta', false],
      ['2026-11-12', 'approved', 'approvata', true],
      ['2026-11-09', 'pending', 'in attesa', true],
    ]);
    expect(dto.own.days[1]).toMatchObject({ dateLabel: 'giovedì 12 novembre 2026', location: 'casa' });
    expect(dto.own.quota).toEqual({ month: '2026-11', used: 2, limit: 8, workingDays: 21 });
  });

  it('own days: past days are not cancellable, past refusals are hidden, newest first', () => {
    const w = teamWorld();
    w.clock.current = at('2026-11-12T09:00');
    const own = sidebarData(w.ports, LUCA).own.days;
    expect(own.map((x) => [x.date, x.cancellable])).toEqual([
      ['2026-11-13', false], // refused, still ahead: shown
      ['2026-11-12', true], // today
      ['2026-11-09', false], // past
    ]);
    w.clock.current = at('2026-11-14T09:00');
    expect(sidebarData(w.ports, LUCA).own.days.map((x) => x.date)).toEqual(['2026-11-12', '2026-11-09']);
  });

  it('a person who is neither employee nor manager gets an empty sidebar', () => {
    const w = teamWorld();
    const dto = sidebarData(w.ports, 'ospite@terredargine.example');
    expect(dto.pending).toEqual([]);
    expect(dto.team.days).toEqual([]);
    expect(dto.own).toEqual({ days: [], quota: null });
  });
});

describe('the quota', () => {
  it('counts pending and approved days of the current month against the working days', () => {
    const w = world({}, '2026-12-01T09:00');
    request(w, ANNA, ['2026-12-02', '2026-12-03', '2026-12-09']);
    decideDay(w.ports, MARIO, { employee: ANNA, date: '2026-12-02', decision: 'approve' });
    cancelDay(w.ports, ANNA, { employee: ANNA, date: '2026-12-03' });
    // December 2026: 23 weekdays less the 8th (Tue) and the 25th (Fri).
    expect(sidebarData(w.ports, ANNA).own.quota).toEqual({
      month: '2026-12',
      used: 2,
      limit: 8,
      workingDays: 21,
    });
  });
});

it('returns plain JSON (google.script.run cannot pass Date or Map)', () => {
  const w = teamWorld();
  const dto = sidebarData(w.ports, HR);
  expect(JSON.parse(JSON.stringify(dto))).toEqual(dto);
});
