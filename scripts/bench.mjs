// npm run bench [-- --json] [-- --only SUITE] [-- --full]: the benchmark suites of dev/bench/main.ts.
import { runTs } from './run-ts.mjs';

const { main } = await runTs('dev/bench/main.ts');
process.exitCode = await main(process.argv.slice(2));
