import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../server/start-server.js';
import { browserAvailable, launchBrowser } from './browser.js';
import { axeViolations, SCREENSHOTS, screenshots } from './page-checks.js';

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
    await mkdir(SCREENSHOTS, { recursive: true });
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
      const seen = window as unknown as {
        sawTransfer?: boolean;
        samples: number;
        overTotal: string[];
      };
      seen.samples = 0;
      seen.overTotal = [];
      new MutationObserver(() => {
        if (document.querySelector('[aria-label="Transfers in progress"] progress')) {
          seen.sawTransfer = true;
        }
      }).observe(document.body, { childList: true, subtree: true });
      // Samples the shown byte counts: sent must never exceed the total.
      setInterval(() => {
        const counters = document.querySelector<HTMLElement>('[data-testid="run-counters"]');
        if (!counters) return;
        seen.samples += 1;
        const sent = Number(counters.dataset.sent);
        const total = counters.dataset.total;
        if (total !== '' && sent > Number(total)) seen.overTotal.push(counters.textContent ?? '');
      }, 50);
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
    const sampled = await page.evaluate(() => {
      const seen = window as unknown as { samples: number; overTotal: string[] };
      return { samples: seen.samples, overTotal: seen.overTotal };
    });
    expect(sampled.samples).toBeGreaterThan(20);
    expect(sampled.overTotal).toEqual([]);
    const counters = page.getByTestId('run-counters');
    const [sent, total] = await counters.evaluate((el) => [
      Number((el as HTMLElement).dataset.sent),
      Number((el as HTMLElement).dataset.total),
    ]);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBe(total);
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

  it('shows the created items’ thumbnails, paged and lazily loaded', async () => {
    const gallery = page.getByTestId('gallery');
    await gallery.scrollIntoViewIfNeeded();
    await expect(page.getByLabel('Show').inputValue()).resolves.toBe('created');
    const figures = gallery.locator('figure');
    await expect.poll(() => figures.count()).toBeGreaterThan(5);
    expect(await figures.count()).toBeLessThanOrEqual(24);
    for (const figure of await figures.all()) await figure.scrollIntoViewIfNeeded();
    const images = gallery.locator('img');
    await expect.poll(() => images.count(), { timeout: 15_000 }).toBe(await figures.count());
    await expect
      .poll(() =>
        images.evaluateAll((all) =>
          all.every(
            (img) =>
              (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
          ),
        ),
      )
      .toBe(true);
    const attributes = await images.evaluateAll((all) =>
      all.map((img) => ({ loading: img.getAttribute('loading'), src: img.getAttribute('src') })),
    );
    for (const attribute of attributes) {
      expect(attribute.loading).toBe('lazy');
      // The bytes came through the API with the page key, never from Google directly.
      expect(attribute.src).toMatch(/^blob:/);
    }
    await page.getByLabel('Show').selectOption('failed');
    await gallery.locator('figure').first().waitFor({ state: 'detached' });
    await page.getByLabel('Show').selectOption('created');
    await expect.poll(() => gallery.locator('img').count()).toBeGreaterThan(0);
  });

  it('draws the run’s charts with data points and text alternatives', async () => {
    for (const id of ['throughput-mb', 'throughput-units', 'statuses']) {
      const chart = page.getByTestId(`chart-${id}`);
      await chart.scrollIntoViewIfNeeded();
      await expect.poll(() => chart.locator('circle.point').count()).toBeGreaterThan(2);
      await expect(chart.locator('svg').getAttribute('aria-label')).resolves.toMatch(/points over/);
      expect(await chart.locator('.sr-only table tbody tr').count()).toBeGreaterThan(2);
    }
    const stages = page.getByTestId('chart-stages');
    await expect.poll(() => stages.locator('rect.bar').count()).toBeGreaterThanOrEqual(2);
    await expect(stages.locator('svg').getAttribute('aria-label')).resolves.toContain('transfer');
  });

  it('shows the sandbox’s own Google request count on the quota gauge', async () => {
    await page.reload();
    await page.getByTestId('quota').waitFor();
    await expect.poll(() => page.getByTestId('quota-requests').textContent()).not.toBe('0');
    const shown = Number(await page.getByTestId('quota-requests').textContent());
    const sandbox = (await (await fetch(`${server.sandboxGoogleUrl}/__sandbox/quota`)).json()) as {
      requests: number;
      dailyLimit: number;
    };
    expect(shown).toBe(sandbox.requests);
    expect(shown).toBeGreaterThan(5);
    await expect(page.getByTestId('quota').textContent()).resolves.toContain(
      "the sandbox's own count",
    );
    await expect(page.getByTestId('quota-meter').getAttribute('max')).resolves.toBe(
      String(sandbox.dailyLimit),
    );
    await expect(page.getByTestId('quota-days').textContent()).resolves.toContain(
      "within today's budget",
    );
  });

  it('is usable at phone width, with screenshots of the session page', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    const session = await screenshots(page, 'session');
    expect(session.narrowWidth).toBeLessThanOrEqual(375);
    await page.getByRole('link', { name: 'Sessions' }).click();
    await page.getByRole('link', { name: /^web-/ }).first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('has no serious accessibility violation on any page, light or dark', {
    timeout: 240_000,
  }, async () => {
    const pages = [
      { name: 'sessions', path: '/', ready: 'Sessions' },
      { name: 'new-sync', path: '/new', ready: 'New sync' },
      { name: 'accounts', path: '/accounts', ready: 'Accounts' },
      { name: 'no-such-session', path: '/sessions/guessed-id', ready: 'No such session' },
    ];
    await page.goto(`${server.origin}/`);
    const sessionPath = new URL(
      (await page.getByRole('link', { name: /^web-/ }).first().getAttribute('href')) ?? '/',
      server.origin,
    ).pathname;
    pages.push({ name: 'session', path: sessionPath, ready: 'Gallery' });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const target of pages) {
        await page.goto(`${server.origin}${target.path}`);
        await page.getByRole('heading', { name: target.ready, exact: true }).first().waitFor();
        if (target.name === 'session') {
          await page.getByTestId('gallery').locator('img').first().waitFor({ timeout: 15_000 });
        }
        await page.waitForTimeout(400);
        expect({ page: target.name, scheme, violations: await axeViolations(page) }).toEqual({
          page: target.name,
          scheme,
          violations: [],
        });
        if (target.name !== 'session') {
          const shot = await screenshots(
            page,
            scheme === 'dark' ? `${target.name}-dark` : target.name,
          );
          expect(shot.narrowWidth).toBeLessThanOrEqual(375);
        } else if (scheme === 'dark') {
          await screenshots(page, 'session-dark');
        }
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('is keyboard operable with a visible focus', async () => {
    await page.goto(`${server.origin}/`);
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    let focused = '';
    for (let i = 0; i < 10 && focused !== 'New sync'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    }
    expect(focused).toBe('New sync');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement!).outlineStyle,
    );
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'New sync' }).waitFor();
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
