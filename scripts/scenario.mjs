// npm run --silent scenario -- [--domain] FILE
import { runTs } from './run-ts.mjs';

const { main } = await runTs('dev/scenario/cli.ts');
process.exitCode = main(process.argv.slice(2));
