import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../server/start-server.js';
import { browserAvailable, launchBrowser } from './browser.js';

const appRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const artifacts = join(appRoot, 'test-results');
const enabled = browserAvailable();

describe.runIf(enabled)('the dashboard in a real browser (demo mode)', { timeout: 60_000 }, () => {
  let server: WebServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let page: Page;
  let work: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'q2g-web-e2e-'));
    await mkdir(artifacts, { recursive: true });
    const clientDir = join(work, 'client');
    await build({
      configFile: join(appRoot, 'vite.config.ts'),
      root: join(appRoot, 'src/client'),
      logLevel: 'warn',
      build: { outDir: clientDir, emptyOutDir: true, sourcemap: false },
    });
    server = await startWebServer({
      demo: { bytesPerSecond: 300_000 },
      port: 0,
      clientDir,
      config: { env: {}, dotenvPath: false, cwd: work, homeDir: work },
      print: () => {},
    });
    browser = await launchBrowser();
    context = browser.context;
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('opens with the one-time link and lands on a clean URL', async () => {
    await page.goto(server.url);
    expect(page.url()).toBe(`${server.origin}/`);
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    await expect(page.getByTestId('backend-status').textContent()).resolves.toContain('reachable');
    const cookies = await context.cookies();
    expect(cookies).toEqual([
      expect.objectContaining({ name: 'q2g_session', httpOnly: true, sameSite: 'Strict' }),
    ]);
  });

  it('starts a demo sync from the page and watches it reach the end', async () => {
    await page.getByRole('link', { name: 'New sync' }).first().click();
    await page.getByLabel('Album (optional)').fill('Demo album');
    await expect(page.getByLabel('From (capture date)').inputValue()).resolves.toBe('2025-06-01');
    await page.evaluate(() => {
      const seen = window as unknown as { sawTransfer?: boolean };
      new MutationObserver(() => {
        if (document.querySelector('[aria-label="Transfers in progress"] progress')) {
          seen.sawTransfer = true;
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByRole('button', { name: 'Start sync' }).click();
    await page.waitForURL(/\/sessions\/web-/);
    await page
      .getByTestId('live-progress')
      .waitFor({ timeout: 15_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({
          path: join(artifacts, 'failure-session-page.png'),
          fullPage: true,
        });
        throw new Error(
          `No live progress on ${page.url()}; the page shows: ${await page.locator('main').textContent()}; page errors: ${pageErrors.join(' | ')}`,
          { cause: error },
        );
      });
    await page.screenshot({ path: join(artifacts, 'sync-running-1280.png'), fullPage: true });
    await page.getByTestId('run-state').getByText('Finished').waitFor({ timeout: 45_000 });
    const sawTransfer = await page.evaluate(
      () => (window as unknown as { sawTransfer?: boolean }).sawTransfer,
    );
    expect(sawTransfer).toBe(true);
    const overall = await page
      .getByTestId('overall-progress')
      .evaluate((el) => (el as HTMLProgressElement).value);
    expect(overall).toBe(1);
  });

  it('shows the created units with links into Google Photos, and the event log', async () => {
    await page
      .getByTestId('session-counts')
      .getByText(/created/)
      .waitFor();
    await page.getByLabel('Status').selectOption('created');
    const table = page.getByTestId('units-table');
    await expect.poll(() => table.locator('tbody tr .status:not(.created)').count()).toBe(0);
    const rows = await table.locator('tbody tr').count();
    expect(rows).toBeGreaterThan(5);
    const links = table.getByRole('link', { name: 'Open in Google Photos' });
    expect(await links.count()).toBe(rows);
    await expect(links.first().getAttribute('href')).resolves.toMatch(
      /^https:\/\/photos\.google\.com\//,
    );
    await expect(page.getByTestId('event-log').textContent()).resolves.toContain('Run finished');
    await page.getByLabel('Status').selectOption('');
    await page.screenshot({ path: join(artifacts, 'session-1280.png'), fullPage: true });
  });

  it('is usable at phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(artifacts, 'session-390.png'), fullPage: true });
    await page.getByRole('link', { name: 'Sessions' }).click();
    await page.getByRole('link', { name: /^web-/ }).first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(artifacts, 'sessions-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: join(artifacts, 'sessions-1280.png'), fullPage: true });
  });

  it('connects Google Photos through the OAuth flow and its own callback', async () => {
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    const callback = page.waitForResponse((r) => r.url().includes('/oauth/google/callback'));
    await page.getByRole('button', { name: 'Reconnect' }).click();
    expect((await callback).status()).toBe(200);
    await page.waitForURL(`${server.origin}/accounts`);
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    const states = await page.getByTestId('account-state').allTextContents();
    expect(states.every((text) => text.includes('Connected'))).toBe(true);
    await page.screenshot({ path: join(artifacts, 'accounts-1280.png'), fullPage: true });
  });

  it('refuses a guessed session id with a clean page', async () => {
    const response = await page.goto(`${server.origin}/sessions/guessed-id`);
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: 'No such session' }).waitFor();
  });
});
