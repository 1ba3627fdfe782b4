// npm run --silent cards [-- --json]: the add-on's cards of dev/cards/cards.ts.
import { runTs } from './run-ts.mjs';

const { main } = await runTs('dev/cards/cli.ts');
process.exitCode = await main(process.argv.slice(2));
