// Runs a TypeScript file of dev/ or scripts/ with Node: bundles it with esbuild into .cache/
// (node_modules stay external) and imports it. Used by `npm run scenario`, `bench` and `start`.
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function runTs(relativeFile) {
  const entry = join(root, relativeFile);
  const outdir = join(root, '.cache');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `${basename(entry, '.ts')}.${process.pid}.mjs`);
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    outfile,
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    (await import('node:fs')).rmSync(outfile, { force: true });
  }
}
