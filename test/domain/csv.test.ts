// CSV out and back in: quoting, separators Excel uses in Italy, line numbers for messages.
import fc from 'fast-check';
import { parseCsv, toCsv } from '../../src/domain/csv';

describe('csv', () => {
  test('quotes what needs quoting, CRLF line ends', () => {
    expect(
      toCsv([
        ['a', 'b,c'],
        ['d "e"', 'f\ng'],
      ]),
    ).toBe('a,"b,c"\r\n"d ""e""","f\ng"\r\n');
    // Either separator inside a field is quoted, whichever is used.
    expect(toCsv([['a;b', 'c,d']], ';')).toBe('"a;b";"c,d"\r\n');
    expect(toCsv([[';;', '']])).toBe('";;",\r\n');
  });

  test('reads back what it writes, whatever the text and the separator', () => {
    // The counterexample fast-check found: a first field of ";;" made the reader guess ";".
    expect(
      parseCsv(
        toCsv([
          [';;', ''],
          ['', ''],
        ]),
      ),
    ).toEqual({
      ok: true,
      rows: [
        { line: 1, fields: [';;', ''] },
        { line: 2, fields: ['', ''] },
      ],
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(',', ';'),
        (rows, separator) => {
          const parsed = parseCsv(toCsv(rows, separator));
          return parsed.ok && JSON.stringify(parsed.rows.map((r) => r.fields)) === JSON.stringify(rows);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('semicolons when the header has more of them, BOM and blank lines skipped, the line of each row', () => {
    const parsed = parseCsv('\uFEFFcodice;nome\n\nA1;"Rossi; Anna"\r\nB2;"due\nrighe"\nC3;x\n');
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { line: 1, fields: ['codice', 'nome'] },
        { line: 3, fields: ['A1', 'Rossi; Anna'] },
        { line: 4, fields: ['B2', 'due\nrighe'] },
        { line: 6, fields: ['C3', 'x'] },
      ],
    });
  });

  test('a quote never closed is reported with its line', () => {
    expect(parseCsv('a,b\n"c,d\n')).toEqual({
      ok: false,
      message: 'Virgolette aperte alla riga 2 e mai chiuse.',
    });
  });
});
