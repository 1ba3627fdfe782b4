// npm run --silent access [-- --json]: the access matrix of dev/access/matrix.ts.
import { runTs } from './run-ts.mjs';

const { main } = await runTs('dev/access/cli.ts');
process.exitCode = await main(process.argv.slice(2));
