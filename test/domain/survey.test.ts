// The staff survey: the questionnaire's areas and the redemption table, checked on the seed's own
// October 2020 figures (419 of 539, 78 %; 88, 69, 74, 84, 83, 81 % by structure).
import { redemptionTable, STRUCTURE_QUESTION, surveyQuestions } from '../../src/domain/survey';

const SEED: [string, number, number][] = [
  ["ASP Terre d'Argine", 8, 7],
  ['Comune di Campogalliano', 29, 20],
  ['Comune di Carpi', 219, 162],
  ['Comune di Novi di Modena', 43, 36],
  ['Comune di Soliera', 24, 20],
  ["Unione delle Terre d'Argine", 216, 174],
];

test('the redemption table reproduces the seed’s', () => {
  const invited = new Map(SEED.map(([s, i]) => [s, i]));
  const answers = SEED.flatMap(([s, , r]) => Array<string>(r).fill(s));
  const { rows, total } = redemptionTable(invited, answers);
  expect(rows.map((r) => r.percent)).toEqual([88, 69, 74, 84, 83, 81]);
  expect(total).toEqual({ structure: 'Totale complessivo', invited: 539, respondents: 419, percent: 78 });
});

test('the questionnaire asks the structure first, then the seed’s areas', () => {
  const q = surveyQuestions(['Comune di Carpi']);
  expect(q[0]).toMatchObject({
    title: STRUCTURE_QUESTION,
    kind: 'list',
    choices: ['Comune di Carpi'],
    required: true,
  });
  const titles = q.map((x) => x.title).join('\n');
  for (const area of [
    'lavorato da remoto',
    'Coordini personale',
    'utile',
    'consolidare',
    'strumentazione tecnologica',
    'attività',
  ])
    expect(titles).toContain(area);
});
