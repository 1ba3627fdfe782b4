// `npm run --silent cards [-- --json]`: the add-on's cards for the demo organisation
// (dev/cards/cards.ts): with --json one object per line {"host","role","card"} (and "context":
// the homepage, or the Gmail card of a digest), otherwise each card's texts. Builds the bundle first.
import { join } from 'node:path';
import { demoCards } from './cards';

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  if (argv.some((a) => a !== '--json')) {
    process.stderr.write('usage: npm run --silent cards [-- --json]\n');
    return 2;
  }
  const { build } = (await import(join(process.cwd(), 'esbuild.config.mjs'))) as {
    build: (o: { quiet: boolean }) => Promise<{ codePath: string }>;
  };
  const { codePath } = await build({ quiet: true });
  const lines = demoCards({ codePath, log: (m) => process.stderr.write(`${m}\n`) });
  for (const l of lines)
    process.stdout.write(
      json
        ? `${JSON.stringify({ host: l.host, role: l.role, context: l.context, card: l.card })}\n`
        : `\n== ${l.host} · ${l.role} · ${l.context}\n${JSON.stringify(l.card, null, 1)}\n`,
    );
  return 0;
}
