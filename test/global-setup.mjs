// Jest's global setup: builds the bundle once for the whole test run (both projects), into a
// folder of its own, so that no test builds it again or reads a dist/ another command is writing.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE_DIR = join(root, '.cache', 'test-bundle');

export default async function globalSetup() {
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  const { build } = await import(join(root, 'esbuild.config.mjs'));
  await build({ outdir: BUNDLE_DIR, quiet: true });
}
