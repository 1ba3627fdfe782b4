// `npm start [-- --reset]`: the local playground. Loads dist/Code.js (built by scripts/start.mjs)
// on the in-memory Workspace, seeds the demo organisation on the first start (or with --reset),
// and serves the pages on http://localhost:$PORT (8080 by default).
import { join } from 'node:path';
import { startPlayground } from './server';

export const DEFAULT_PORT = 8080;

export async function main(argv: string[], opts: { root?: string } = {}): Promise<void> {
  const root = opts.root ?? process.cwd();
  const unknown = argv.filter((a) => a !== '--reset');
  if (unknown.length) {
    console.error(`Opzione sconosciuta: ${unknown.join(' ')}\nuso: npm start [-- --reset]`);
    process.exitCode = 2;
    return;
  }
  const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT non valida: ${process.env.PORT}`);
    process.exitCode = 2;
    return;
  }
  const playground = await startPlayground({
    port,
    host: process.env.HOST,
    stateFile: join(root, '.playground', 'state.json'),
    codePath: join(root, 'dist', 'Code.js'),
    reset: argv.includes('--reset'),
    sourceRoot: root,
    log: (message) => console.log(message),
  });
  console.log(`Agorà playground: ${playground.url}`);
  const stop = () => {
    playground.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
