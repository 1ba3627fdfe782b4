// The bundle built once per test run by test/global-setup.mjs (Code.js and its manifest).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** The path of the built Code.js (appsscript.json beside it). */
export function bundlePath(): string {
  const dir = process.env.AGORA_TEST_BUNDLE;
  const path = dir ? join(dir, 'Code.js') : '';
  if (!path || !existsSync(path))
    throw new Error('The test bundle is missing: run the tests through Jest (its global setup builds it).');
  return path;
}
