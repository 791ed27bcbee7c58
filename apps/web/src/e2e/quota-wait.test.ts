import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../server/start-server.js';
import { browserAvailable, launchBrowser } from './browser.js';
import { axeViolations, screenshots } from './page-checks.js';

const appRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const enabled = browserAvailable();

describe.runIf(enabled)(
  'a sync that runs out of Google quota (demo mode)',
  { timeout: 60_000 },
  () => {
    let server: WebServer;
    let browser: Awaited<ReturnType<typeof launchBrowser>>;
    let page: Page;
    let work: string;

    beforeAll(async () => {
      work = await mkdtemp(join(tmpdir(), 'q2g-web-quota-'));
      const clientDir = join(work, 'client');
      await build({
        configFile: join(appRoot, 'vite.config.ts'),
        root: join(appRoot, 'src/client'),
        logLevel: 'warn',
        build: { outDir: clientDir, emptyOutDir: true, sourcemap: false },
      });
      server = await startWebServer({
        // Enough for the login check, the album and a few uploads, not for the whole library.
        demo: { bytesPerSecond: null, googleDailyQuota: 8 },
        port: 0,
        clientDir,
        config: { env: {}, dotenvPath: false, cwd: work, homeDir: work },
        print: () => {},
      });
      browser = await launchBrowser();
      page = await browser.context.newPage();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await rm(work, { recursive: true, force: true });
    });

    it('stops, shows the spent quota and counts down to the reset', async () => {
      await page.goto(server.url);
      await page.getByRole('link', { name: 'New sync' }).first().click();
      await page.getByRole('button', { name: 'Start sync' }).click();
      await page.waitForURL(/\/sessions\/web-/);
      await page.getByTestId('run-state').getByText('Stopped').waitFor({ timeout: 30_000 });
      const countdown = page.getByTestId('quota-countdown');
      await countdown.waitFor();
      await expect(countdown.textContent()).resolves.toMatch(
        /resumes in \d+ (h \d\d min|min \d\d s)/,
      );
      const resumeAt = await countdown.locator('time').getAttribute('datetime');
      const quota = (await (await fetch(`${server.sandboxGoogleUrl}/__sandbox/quota`)).json()) as {
        resetAt: string;
        requests: number;
        dailyLimit: number;
      };
      expect(Date.parse(resumeAt ?? '')).toBe(Date.parse(quota.resetAt));
      expect(quota.requests).toBeGreaterThan(quota.dailyLimit);
      await expect(page.getByTestId('quota-meter').getAttribute('max')).resolves.toBe('8');
      // Nothing was created: the gallery shows every unit, the pending ones with GoPro's thumbnail.
      await expect(page.getByLabel('Show').inputValue()).resolves.toBe('');
      const gallery = page.getByTestId('gallery');
      for (const figure of await gallery.locator('figure').all())
        await figure.scrollIntoViewIfNeeded();
      const waiting = gallery.locator('figure:has(.status.discovered)');
      expect(await waiting.count()).toBeGreaterThan(0);
      const pending = waiting.locator('img');
      await expect.poll(() => pending.count()).toBe(await waiting.count());
      await expect
        .poll(() =>
          pending.evaluateAll((all) =>
            all.every(
              (img) =>
                (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
            ),
          ),
        )
        .toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      const shot = await screenshots(page, 'session-quota-wait');
      expect(shot.narrowWidth).toBeLessThanOrEqual(375);
    });
  },
);
