// npm start [-- --reset]: builds dist/Code.js, then serves the local playground (dev/playground)
// on http://localhost:$PORT (8080 by default), with the bundle running on the in-memory Workspace.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../esbuild.config.mjs';
import { runTs } from './run-ts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build();
const { main } = await runTs('dev/playground/main.ts');
await main(process.argv.slice(2), { root });
