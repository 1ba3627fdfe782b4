// npm run --silent faults [-- --json] [-- --only OPERATION]: the fault injector of dev/faults/main.ts.
import { runTs } from './run-ts.mjs';

const { main } = await runTs('dev/faults/main.ts');
process.exitCode = main(process.argv.slice(2));
