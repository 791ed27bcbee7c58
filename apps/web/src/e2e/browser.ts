/**
 * The end-to-end tests' browser: Debian's Chromium (installed by scripts/browser.sh) driven by
 * playwright-core, headless, with a fresh profile folder. Missing Chromium skips the tests
 * loudly on a workstation and fails them in CI.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Where Chromium is expected. */
export const CHROMIUM = process.env.Q2G_CHROMIUM ?? '/usr/bin/chromium';

/** The launch flags of the test browser. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether the browser tests can run here; prints why not, and throws in CI. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `Chromium is missing at ${CHROMIUM}: run \`bash scripts/browser.sh\` (or set Q2G_CHROMIUM) to run the web app's browser tests.`;
  if (process.env.CI === 'true') throw new Error(`${message} CI must run them.`);
  console.warn(
    `\n${'!'.repeat(80)}\n!! SKIPPING the web end-to-end tests. ${message}\n${'!'.repeat(80)}\n`,
  );
  return false;
}

/** A headless Chromium with a fresh profile; `close` removes the profile. */
export async function launchBrowser(): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  const profile = await mkdtemp(join(tmpdir(), 'q2g-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
