/**
 * Checks the browser tests run on every page: axe-core (injected through Playwright, which
 * evaluates it outside the page's CSP) reports no serious or critical violation, and
 * screenshots at desktop (1280) and phone (375) width land in docs/screenshots/.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** Where the committed screenshots go (linked from apps/web/README.md). */
export const SCREENSHOTS = resolve(
  fileURLToPath(import.meta.url),
  '../../../../../docs/screenshots',
);

let axeSource: Promise<string> | undefined;

/** A serious or critical axe violation, short. */
export interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe on the page; returns its serious and critical violations. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const source = await axeSource;
  await page.evaluate(source);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run();
    return result.violations as {
      id: string;
      impact: string;
      help: string;
      nodes: { target: string[] }[];
    }[];
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
}

/** Scrolls through the page (lazy thumbnails load on sight) and waits until it is still. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 60));
    for (let y = 0; y < document.documentElement.scrollHeight; y += 400) {
      window.scrollTo(0, y);
      await pause();
    }
    window.scrollTo(0, 0);
  });
  // Not 'networkidle': the page's event stream stays open.
  await page.waitForTimeout(300);
  await page
    .waitForFunction(() => !document.querySelector('.thumb-empty:not(.none)'), undefined, {
      timeout: 10_000,
    })
    .catch(() => {});
}

/** Saves `<name>-1280.png` and `<name>-375.png`; returns the page's width at 375 px. */
export async function screenshots(page: Page, name: string): Promise<{ narrowWidth: number }> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: 1280, height: 800 });
  await settle(page);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await settle(page);
  const narrowWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-375.png`), fullPage: true });
  await page.setViewportSize(viewport);
  return { narrowWidth };
}
