import { existsSync } from 'node:fs';

/** Debian's Chromium (the CI installs it); the console's end-to-end test is skipped without it. */
export const CHROMIUM = [process.env.TAILOR_TEST_CHROMIUM, '/usr/bin/chromium'].find(
  (p) => p && existsSync(p),
);
