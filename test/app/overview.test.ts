// The read model of the cards and the web page (overview.ts): what the signed-in user may see.
// A manager sees the pending days of their own people only, grouped by person and week (with
// the week's dates and year), with the warnings, the blocks a re-check would raise, the counters
// and the site occupancy, filtered and paged; the team grid counts who is away each day against
// the share; everyone sees their own month with statuses explained and reasons, and what is
// left; HR sees everyone; days picked by id (a mail's link) only as the caller may see them.
import { ANNA, GIULIA, HR, LUCA, MARIO, PAOLO, SITE, at, d, employee, request, world } from './fixtures';
import { cancelDay, decideDay } from '../../src/app/decisions';
import { overview, selectedDays, type Overview } from '../../src/app/overview';
import { STATUS_HELP } from '../../src/domain/labels';

// The small Unione of ./fixtures: Mario manages Anna and Luca, Giulia manages Paolo, HR is an admin;
// the clock starts on Monday 2 November 2026 at 09:00.
const PAOLO_NOTE = '<script>alert("x")</script> & =SUM(A1) «riunione»\n  due righe ';
const W46 = 'settimana 9–15 novembre 2026';
const W47 = 'settimana 16–22 novembre 2026';

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
const pendingShape = (o: Overview) =>
  o.pending.groups.map((p) => [p.email, p.weeks.map((wk) => [wk.label, wk.days.map((x) => x.date)])]);
const idOf = (w: ReturnType<typeof world>, employee: string, date: string) =>
  w.snapshot.days.find((x) => x.employee === employee && x.date === date)?.id as string;

describe('a manager', () => {
  it('sees the pending days of their people, by person and week (dates and year), in date order', () => {
    const o = overview(teamWorld().ports, MARIO);
    expect(o).toMatchObject({
      user: MARIO,
      isManager: true,
      isAdmin: false,
      isEmployee: false,
      me: null,
      today: '2026-11-02',
      todayLabel: 'lun 2 nov 2026',
    });
    expect(pendingShape(o)).toEqual([
      [
        ANNA,
        [
          [W46, ['2026-11-09', '2026-11-10']],
          [W47, ['2026-11-16']],
        ],
      ],
      [LUCA, [[W46, ['2026-11-09']]]],
    ]);
    expect(o.pending.groups.map((p) => [p.name, p.sector, p.organisation])).toEqual([
      ['Anna Rossi', 'Servizi al personale', "Unione Terre d'Argine"],
      ['Luca Bianchi', 'Servizi al personale', "Unione Terre d'Argine"],
    ]);
    expect(o.pending).toMatchObject({ days: 4, people: 2, page: 1, pages: 1 });
  });

  it('with each day: labels, status explained, warnings from submission, counters and site occupancy', () => {
    const [anna, luca] = overview(teamWorld().ports, MARIO).pending.groups;
    const [mon, tue] = anna.weeks[0].days;
    expect(mon).toEqual({
      employee: ANNA,
      name: 'Anna Rossi',
      date: '2026-11-09',
      dateLabel: 'lun 9 nov 2026',
      location: 'home',
      locationLabel: 'casa',
      status: 'pending',
      statusLabel: 'in attesa',
      statusHelp: STATUS_HELP.pending,
      reason: '',
      note: '',
      cancellable: true,
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
    expect(lucaDay.warnings.map((x) => [x.rule, x.label])).toEqual([
      ['TEAM_COVERAGE', 'Copertura del servizio'],
    ]);
    expect(lucaDay.warnings[0].message).toContain('2 su 2 persone');
    expect(lucaDay.blocks).toEqual([]);
    // Luca's approved 12th counts; his refused 13th does not.
    expect(lucaDay.week).toEqual({ used: 2, limit: 2 });
    expect(lucaDay.month).toEqual({ used: 2, limit: 8 });
  });

  it('sees the blocks an approval would now meet (HR lowered the weekly cap)', () => {
    const w = teamWorld();
    w.snapshot.policy.maxDaysPerWeek = 1;
    const [anna] = overview(w.ports, MARIO).pending.groups;
    expect(anna.weeks[0].days.map((x) => [x.date, x.blocks.map((b) => b.rule), x.week])).toEqual([
      ['2026-11-09', ['WEEKLY_CAP'], { used: 2, limit: 1 }],
      ['2026-11-10', ['WEEKLY_CAP'], { used: 2, limit: 1 }],
    ]);
    expect(anna.weeks[1].days[0].blocks).toEqual([]);
  });

  it('does not see another manager’s people, anywhere in what is returned', () => {
    const w = teamWorld();
    const json = JSON.stringify(overview(w.ports, MARIO));
    expect(json).not.toContain(PAOLO);
    expect(json).not.toContain('Paolo');
    expect(json).not.toContain('alert');
    const giulia = overview(w.ports, GIULIA);
    expect(pendingShape(giulia)).toEqual([[PAOLO, [[W46, ['2026-11-09']]]]]);
    expect(JSON.stringify(giulia)).not.toMatch(/anna|luca/i);
  });

  it('gets notes back as the plain strings typed, untouched (escaping is the page’s job)', () => {
    const [paolo] = overview(teamWorld().ports, GIULIA).pending.groups;
    expect(paolo.weeks[0].days[0].note).toBe(PAOLO_NOTE);
  });

  it('never sees special-category data (priority categories are for HR alone)', () => {
    const w = teamWorld();
    w.snapshot.employees[0].priority = 'caregiver';
    w.snapshot.employees[1].priority = 'disability';
    const json = JSON.stringify(overview(w.ports, MARIO));
    expect(json).not.toMatch(/caregiver|disabilit|priority/i);
  });

  it('no longer sees a day once it is decided or cancelled', () => {
    const w = teamWorld();
    decideDay(w.ports, MARIO, { employee: ANNA, date: '2026-11-09', decision: 'approve' });
    decideDay(w.ports, MARIO, { employee: ANNA, date: '2026-11-10', decision: 'reject', reason: 'no' });
    cancelDay(w.ports, LUCA, { employee: LUCA, date: '2026-11-09' });
    expect(pendingShape(overview(w.ports, MARIO))).toEqual([[ANNA, [[W47, ['2026-11-16']]]]]);
  });
});

describe('the pending days: filter and pages', () => {
  it('by person, by sector, a page of people at a time; the filter’s choices are the people waiting', () => {
    const w = teamWorld();
    const all = overview(w.ports, HR).pending;
    expect(all).toMatchObject({ days: 5, people: 3, page: 1, pages: 1, filter: { person: '', sector: '' } });
    expect(all.persons).toEqual([
      { email: ANNA, name: 'Anna Rossi' },
      { email: LUCA, name: 'Luca Bianchi' },
      { email: PAOLO, name: 'Paolo Verdi' },
    ]);
    expect(all.sectors).toEqual(['Servizi al personale', 'Tributi']);

    const luca = overview(w.ports, HR, { person: ` ${LUCA.toUpperCase()} ` }).pending;
    expect([luca.days, luca.people, luca.groups.map((g) => g.email), luca.filter.person]).toEqual([
      1,
      1,
      [LUCA],
      LUCA,
    ]);
    // The choices stay the whole list, whatever the filter.
    expect(luca.persons).toHaveLength(3);
    const tributi = overview(w.ports, HR, { sector: 'Tributi' }).pending;
    expect([tributi.days, tributi.groups.map((g) => g.email)]).toEqual([1, [PAOLO]]);
    expect(overview(w.ports, HR, { person: ANNA, sector: 'Tributi' }).pending).toMatchObject({
      days: 0,
      people: 0,
      groups: [],
      pages: 1,
    });

    const page = (n: unknown) => overview(w.ports, HR, { page: n, pageSize: 2 }).pending;
    expect([page(1).groups.map((g) => g.email), page(1).pages, page(1).days]).toEqual([[ANNA, LUCA], 2, 5]);
    expect([page(2).page, page(2).groups.map((g) => g.email)]).toEqual([2, [PAOLO]]);
    // Out of range or not a number: the nearest page.
    expect([page(9).page, page(0).page, page('due').page, page(-3).page]).toEqual([2, 1, 1, 1]);
    // At least one person a page, at most 50; 10 by default.
    expect(overview(w.ports, HR, { pageSize: 0 }).pending.pages).toBe(1);
    expect(overview(w.ports, HR, { pageSize: 0.5 }).pending.groups).toHaveLength(3);
    expect(overview(w.ports, HR, { pageSize: 1 }).pending.pages).toBe(3);
  });
});

describe('the team grid', () => {
  it('a week by default: each person’s days, the daily headcount against the share', () => {
    const w = teamWorld();
    const { team } = overview(w.ports, MARIO, { teamDate: '2026-11-09' });
    expect(team).toMatchObject({
      from: '2026-11-09',
      to: '2026-11-15',
      label: '9–15 novembre 2026',
      share: 0.5,
    });
    expect(team.teams).toHaveLength(1);
    const [block] = team.teams;
    expect([block.label, block.size]).toEqual(["Servizi al personale — Unione Terre d'Argine", 2]);
    expect(block.people.map((p) => [p.name, Object.keys(p.cells).sort()])).toEqual([
      ['Anna Rossi', ['2026-11-09', '2026-11-10']],
      ['Luca Bianchi', ['2026-11-09', '2026-11-12']],
    ]);
    expect(block.people[0].cells['2026-11-10']).toEqual({
      status: 'pending',
      label: 'in attesa',
      location: 'Municipio di Soliera',
    });
    expect(block.people[1].cells['2026-11-12']).toEqual({
      status: 'approved',
      label: 'approvata',
      location: 'casa',
    });
    // Two people of two away on Monday: over the half; the refused 13th counts for nobody.
    expect(block.days.map((x) => [x.label, x.count, x.limit, x.over, x.working])).toEqual([
      ['lun 9 nov 2026', 2, 1, true, true],
      ['mar 10 nov 2026', 1, 1, false, true],
      ['mer 11 nov 2026', 0, 1, false, true],
      ['gio 12 nov 2026', 1, 1, false, true],
      ['ven 13 nov 2026', 0, 1, false, true],
      ['sab 14 nov 2026', 0, 1, false, false],
      ['dom 15 nov 2026', 0, 1, false, false],
    ]);
  });

  it('a month, holidays not working days; cancelled days leave it', () => {
    const w = world({
      holidays: [{ date: d('2026-12-24'), name: 'Chiusura uffici', seat: '', action: 'add' }],
    });
    request(w, ANNA, ['2026-12-02', '2026-12-03']);
    cancelDay(w.ports, ANNA, { employee: ANNA, date: '2026-12-03' });
    const { team } = overview(w.ports, MARIO, { teamRange: 'month', teamDate: '2026-12-15' });
    expect([team.from, team.to, team.label]).toEqual(['2026-12-01', '2026-12-31', 'dicembre 2026']);
    const [block] = team.teams;
    expect(block.days).toHaveLength(31);
    expect(block.days.filter((x) => !x.working && weekdayOf(x.date) < 6).map((x) => x.date)).toEqual([
      '2026-12-08',
      '2026-12-24',
      '2026-12-25',
    ]);
    expect(Object.keys(block.people.find((p) => p.email === ANNA)?.cells ?? {})).toEqual(['2026-12-02']);
  });

  it('an employee sees their own team; someone of no team sees none', () => {
    const w = teamWorld();
    expect(overview(w.ports, LUCA).team.teams.map((b) => b.people.map((p) => p.name))).toEqual([
      ['Anna Rossi', 'Luca Bianchi'],
    ]);
    expect(overview(w.ports, 'ospite@terredargine.example').team.teams).toEqual([]);
  });
});

/** 1 Monday … 7 Sunday. */
function weekdayOf(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

describe('a delegate', () => {
  it('sees the manager’s people only within the delegation', () => {
    const w = teamWorld();
    w.snapshot.delegations = [
      { manager: MARIO, delegate: GIULIA, from: d('2026-11-02'), to: d('2026-11-05') },
    ];
    expect(overview(w.ports, GIULIA).pending.groups.map((p) => p.email)).toEqual([ANNA, LUCA, PAOLO]);
    w.clock.current = at('2026-11-06T09:00');
    expect(overview(w.ports, GIULIA).pending.groups.map((p) => p.email)).toEqual([PAOLO]);
  });
});

describe('HR', () => {
  it('sees everyone’s pending days, and is flagged as admin with the register’s problems', () => {
    const w = teamWorld();
    const o = overview(w.ports, HR);
    expect([o.isAdmin, o.admin]).toEqual([true, { problems: 0 }]);
    expect(o.pending.groups.map((p) => p.email)).toEqual([ANNA, LUCA, PAOLO]);
    // Teams by organisation, then sector.
    expect(o.team.teams.map((b) => b.label)).toEqual([
      'Tributi — Comune di Carpi',
      "Servizi al personale — Unione Terre d'Argine",
    ]);
    expect(overview(w.ports, MARIO).admin).toBeNull();
  });

  it('who is also an employee does not get their own days to decide', () => {
    const w = world({ employees: [employee(ANNA, MARIO), employee(HR, MARIO, { sector: 'Personale' })] });
    request(w, ANNA, ['2026-11-09']);
    request(w, HR, ['2026-11-10']);
    const o = overview(w.ports, HR);
    expect(o.pending.groups.map((p) => p.email)).toEqual([ANNA]);
    expect(o.me?.days.map((x) => x.date)).toEqual(['2026-11-10']);
  });
});

describe('one’s own days', () => {
  it('the month shown, newest first, each status explained, with the reason of a refusal or rejection', () => {
    const w = teamWorld();
    request(w, LUCA, ['2026-11-20']);
    decideDay(w.ports, MARIO, {
      employee: LUCA,
      date: '2026-11-20',
      decision: 'reject',
      reason: 'Riunione di servizio',
    });
    const o = overview(w.ports, LUCA);
    expect([o.isEmployee, o.isManager, o.name]).toEqual([true, false, 'Luca Bianchi']);
    expect(o.pending.groups).toEqual([]);
    expect(JSON.stringify(o.pending)).not.toMatch(/anna|paolo/i);
    const me = o.me!;
    expect([me.monthShown, me.monthLabel]).toEqual(['2026-11', 'novembre 2026']);
    expect(me.days.map((x) => [x.date, x.statusLabel, x.cancellable])).toEqual([
      ['2026-11-20', 'rifiutata', false],
      ['2026-11-13', 'respinta', false],
      ['2026-11-12', 'approvata', true],
      ['2026-11-09', 'in attesa', true],
    ]);
    const [rejected, refused, approved] = me.days;
    expect([rejected.reason, rejected.statusHelp]).toEqual(['Riunione di servizio', STATUS_HELP.rejected]);
    expect(refused.reason).toMatch(
      /^Limite settimanale superato: 3 giornate su 2 nella settimana 9–15 novembre 2026/,
    );
    expect(refused.statusHelp).toBe(STATUS_HELP.refused);
    expect(approved).toMatchObject({ dateLabel: 'gio 12 nov 2026', locationLabel: 'casa', reason: '' });
    // What is left: this week (2–8 November) and this month.
    expect(me.week).toEqual({ label: 'settimana 2–8 novembre 2026', used: 0, limit: 2 });
    expect(me.month).toEqual({ label: 'novembre 2026', used: 2, limit: 8, workingDays: 21 });
    expect(me.upcoming.map((x) => x.date)).toEqual(['2026-11-09', '2026-11-12']);
  });

  it('another month on request; a malformed month falls back to the current one; past days are not cancellable', () => {
    const w = teamWorld();
    request(w, ANNA, ['2026-12-02']);
    expect(overview(w.ports, ANNA, { month: '2026-12' }).me?.days.map((x) => x.date)).toEqual(['2026-12-02']);
    expect(overview(w.ports, ANNA, { month: '2026-12' }).me?.monthLabel).toBe('dicembre 2026');
    for (const bad of ['dicembre', '2026-12-01', 202612, null])
      expect(overview(w.ports, ANNA, { month: bad }).me?.monthShown).toBe('2026-11');
    w.clock.current = at('2026-11-12T09:00');
    expect(overview(w.ports, LUCA).me?.days.map((x) => [x.date, x.cancellable])).toEqual([
      ['2026-11-13', false], // refused
      ['2026-11-12', true], // today
      ['2026-11-09', false], // past
    ]);
  });

  it('counts pending and approved days of the current month against the working days', () => {
    const w = world({}, '2026-12-01T09:00');
    request(w, ANNA, ['2026-12-02', '2026-12-03', '2026-12-09']);
    decideDay(w.ports, MARIO, { employee: ANNA, date: '2026-12-02', decision: 'approve' });
    cancelDay(w.ports, ANNA, { employee: ANNA, date: '2026-12-03' });
    // December 2026: 23 weekdays less the 8th (Tue) and the 25th (Fri).
    expect(overview(w.ports, ANNA).me?.month).toEqual({
      label: 'dicembre 2026',
      used: 2,
      limit: 8,
      workingDays: 21,
    });
  });

  it('someone who is neither employee nor manager gets nothing of anyone', () => {
    const o = overview(teamWorld().ports, 'ospite@terredargine.example');
    expect([o.me, o.isEmployee, o.isManager, o.isAdmin, o.pending.groups, o.team.teams]).toEqual([
      null,
      false,
      false,
      false,
      [],
      [],
    ]);
  });
});

describe('days picked by id (a mail’s link)', () => {
  it('as the caller may see them: what can be decided or cancelled; the others only counted', () => {
    const w = teamWorld();
    const ids = [
      idOf(w, ANNA, '2026-11-09'),
      idOf(w, LUCA, '2026-11-12'),
      idOf(w, PAOLO, '2026-11-09'),
      'nessuno',
    ];
    const mario = selectedDays(w.ports, MARIO, { ids });
    expect(mario.hidden).toBe(2);
    expect(mario.days.map((x) => [x.employee, x.date, x.statusLabel, x.canDecide, x.canCancel])).toEqual([
      [ANNA, '2026-11-09', 'in attesa', true, true],
      [LUCA, '2026-11-12', 'approvata', false, true],
    ]);
    expect(mario.days[0].pending).toMatchObject({ week: { used: 2, limit: 2 }, warnings: [] });
    expect(mario.days[1].pending).toBeNull();
    // Luca sees his own day, cannot decide it; Anna's is not his to see.
    const luca = selectedDays(w.ports, LUCA, { ids });
    expect([luca.hidden, luca.days.map((x) => [x.date, x.canDecide, x.canCancel])]).toEqual([
      3,
      [['2026-11-12', false, true]],
    ]);
    expect(selectedDays(w.ports, HR, { ids }).hidden).toBe(1);
  });

  it('or by calendar event', () => {
    const w = teamWorld();
    const day = w.snapshot.days.find((x) => x.employee === LUCA && x.date === '2026-11-12');
    if (day) day.calendarEventId = 'evento-1';
    expect(selectedDays(w.ports, MARIO, { eventId: 'evento-1' }).days.map((x) => x.date)).toEqual([
      '2026-11-12',
    ]);
    expect(selectedDays(w.ports, MARIO, { eventId: 'altro' })).toEqual({ days: [], hidden: 1 });
  });
});

it('returns plain JSON (google.script.run cannot pass Date or Map)', () => {
  const w = teamWorld();
  const o = overview(w.ports, HR, { teamRange: 'month' });
  expect(JSON.parse(JSON.stringify(o))).toEqual(o);
  const picked = selectedDays(w.ports, HR, { ids: w.snapshot.days.map((x) => x.id) });
  expect(JSON.parse(JSON.stringify(picked))).toEqual(picked);
});
