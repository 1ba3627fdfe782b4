// `npm run --silent access [-- --json]`: builds the demo organisation on the emulation and prints
// who can open and call what (dev/access/matrix.ts): with --json one object per line
// {"role","target","allowed","wrote","error"}, otherwise a table per role. Builds the bundle first.
import { join } from 'node:path';
import { runAccessMatrix, type AccessLine } from './matrix';

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const unknown = argv.filter((a) => a !== '--json');
  if (unknown.length) {
    process.stderr.write('usage: npm run --silent access [-- --json]\n');
    return 2;
  }
  const config = join(process.cwd(), 'esbuild.config.mjs');
  const { build } = (await import(config)) as {
    build: (o: { quiet: boolean }) => Promise<{ codePath: string }>;
  };
  const { codePath } = await build({ quiet: true });
  const lines = runAccessMatrix({ codePath, log: (m) => process.stderr.write(`${m}\n`) });
  process.stdout.write(json ? lines.map((l) => JSON.stringify(l)).join('\n') + '\n' : table(lines));
  return 0;
}

function table(lines: AccessLine[]): string {
  const width = Math.max(...lines.map((l) => l.target.length));
  let out = '';
  let role = '';
  for (const l of lines) {
    if (l.role !== role) out += `\n${(role = l.role)}\n`;
    const verdict = l.allowed ? 'sì' : 'no';
    const wrote = l.wrote ? ' (ha scritto)' : '';
    const why = l.error ? `  ${l.error.slice(0, 90)}` : '';
    out += `  ${l.target.padEnd(width)}  ${verdict}${wrote}${why}\n`;
  }
  return out;
}
