// Jest's global setup: builds the bundle once for the whole test run (both projects), into a
// folder of this run's own, so that no test builds it again, and two runs at once (or a
// command writing dist/) never read each other's files. Workers find it through
// AGORA_TEST_BUNDLE (they start after this and inherit the environment); test/global-teardown.mjs
// removes it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export default async function globalSetup() {
  const outdir = mkdtempSync(join(tmpdir(), 'agora-test-bundle-'));
  const { build } = await import(join(root, 'esbuild.config.mjs'));
  await build({ outdir, quiet: true });
  process.env.AGORA_TEST_BUNDLE = outdir;
}
