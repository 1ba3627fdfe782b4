// npm run --silent demo -- --export DIR: the demo organisation's exports (dev/demo/main.ts).
import { runTs } from './run-ts.mjs';

const { main } = await runTs('dev/demo/main.ts');
process.exitCode = main(process.argv.slice(2));
