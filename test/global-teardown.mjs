// Removes the bundle test/global-setup.mjs built for this run.
import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const dir = process.env.AGORA_TEST_BUNDLE;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
