// The staff survey (issue 11): the questionnaire the Unione ran in October 2020 (remote work
// experience, the coordinators' view, the overall opinion, technology, job profiles), as a Form
// template, and its redemption table by organisational structure: invited, respondents, % — as
// the seed's ("419 persone su 539 invitati con un tasso di risposta pari al 78%"). Aggregates
// only; the Form never collects who answered.

export interface SurveyQuestion {
  title: string;
  kind: 'list' | 'choice' | 'checkbox' | 'paragraph';
  choices: string[];
  required: boolean;
  help?: string;
}

/** The question that tells the respondent's structure: the redemption table counts by it. */
export const STRUCTURE_QUESTION = 'Struttura organizzativa';

const SCALE = ['1 — per niente', '2 — poco', '3 — abbastanza', '4 — molto', '5 — moltissimo'];

/** The questionnaire, in the seed's five areas; `structures` are the organisations. */
export function surveyQuestions(structures: readonly string[]): SurveyQuestion[] {
  return [
    { title: STRUCTURE_QUESTION, kind: 'list', choices: [...structures], required: true },
    {
      title: 'Negli ultimi dodici mesi hai lavorato da remoto?',
      kind: 'choice',
      choices: ['Sì, regolarmente', 'Sì, qualche volta', 'No'],
      required: true,
    },
    {
      title: 'Coordini personale? Se sì, qualcuno del tuo gruppo ha lavorato da remoto?',
      kind: 'choice',
      choices: [
        'Sì, e qualcuno ha lavorato da remoto',
        'Sì, ma nessuno ha lavorato da remoto',
        'Non coordino personale',
      ],
      required: true,
    },
    {
      title: 'Nel complesso, quanto è stata utile l’esperienza di lavoro agile?',
      kind: 'choice',
      choices: SCALE,
      required: true,
    },
    {
      title: 'Sei favorevole a consolidare il lavoro agile?',
      kind: 'choice',
      choices: ['Sì', 'No', 'Non so'],
      required: true,
    },
    {
      title: 'Quanto è adeguata la strumentazione tecnologica?',
      kind: 'choice',
      choices: SCALE,
      required: true,
    },
    {
      title: 'Quali difficoltà tecnologiche hai incontrato?',
      kind: 'checkbox',
      choices: ['Computer', 'Connessione', 'Accesso remoto (VPN)', 'Telefono', 'Applicativi', 'Nessuna'],
      required: false,
    },
    {
      title: 'Quali attività del tuo lavoro si possono svolgere da remoto?',
      kind: 'checkbox',
      choices: [
        'Istruttoria di pratiche',
        'Redazione di atti e documenti',
        'Attività di back office',
        'Coordinamento e riunioni',
        'Sportello al pubblico',
        'Attività sul territorio',
      ],
      required: false,
    },
    { title: 'Suggerimenti', kind: 'paragraph', choices: [], required: false },
  ];
}

export interface RedemptionRow {
  structure: string;
  invited: number;
  respondents: number;
  /** Respondents / invited, a whole percentage (the seed's rounding). */
  percent: number;
}

/** The redemption table by structure, and its total, in the order of `invited`. */
export function redemptionTable(
  invited: ReadonlyMap<string, number>,
  answers: readonly string[],
): { rows: RedemptionRow[]; total: RedemptionRow } {
  const respondents = new Map<string, number>();
  for (const a of answers) respondents.set(a, (respondents.get(a) ?? 0) + 1);
  const row = (structure: string, i: number, r: number): RedemptionRow => ({
    structure,
    invited: i,
    respondents: r,
    percent: i ? Math.round((100 * r) / i) : 0,
  });
  const rows = [...invited].map(([s, i]) => row(s, i, respondents.get(s) ?? 0));
  const total = row(
    'Totale complessivo',
    rows.reduce((n, r) => n + r.invited, 0),
    rows.reduce((n, r) => n + r.respondents, 0),
  );
  return { rows, total };
}
