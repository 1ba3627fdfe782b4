// The bundle built once per test run by test/global-setup.mjs (dist/Code.js and its manifest).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const BUNDLE_DIR = join(ROOT, '.cache', 'test-bundle');

/** The path of the built Code.js (appsscript.json beside it). */
export function bundlePath(): string {
  const path = join(BUNDLE_DIR, 'Code.js');
  if (!existsSync(path))
    throw new Error(`${path} is missing: run the tests through Jest (its global setup builds it)`);
  return path;
}
