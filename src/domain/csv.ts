// CSV as RFC 4180 writes it (fields with a separator, a quote or a line break quoted, quotes
// doubled, CRLF line ends), and read back the same way, also with `;` (what Excel writes in an
// Italian locale) and LF line ends: the exports HR downloads and the payroll file HR imports.

export function toCsv(rows: readonly (readonly string[])[], separator = ','): string {
  // Both separators are quoted whichever is used, so that a reader guessing it from the first
  // line (as parseCsv does) never mistakes a field's text for a separator.
  const special = /[",;\r\n]/;
  const field = (v: string) => (special.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(field).join(separator)).join('\r\n') + '\r\n';
}

/**
 * The rows of a CSV text, each with the line it starts on (for messages). The separator is `;`
 * when the first line has more of them than commas. A quote left open is an error, with its line.
 */
export function parseCsv(
  text: string,
): { ok: true; rows: { line: number; fields: string[] }[] } | { ok: false; message: string } {
  const body = text.replace(/^\uFEFF/, '');
  const separator = separatorOf(body);
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 0;
  const endRow = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === separator) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
  }
  if (quoted) return { ok: false, message: `Virgolette aperte alla riga ${quoteLine} e mai chiuse.` };
  if (field !== '' || fields.length) endRow();
  return { ok: true, rows };
}

/** `;` when the first record has more of them than commas outside quoted fields, else `,`. */
function separatorOf(body: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const c of body) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ';') semicolons++;
    else if (!quoted && c === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}
