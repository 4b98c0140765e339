// The HTML report in a real browser: headless Chromium through playwright-core, from a file://
// URL. Nothing may fail to load, log an error or run; the charts must be there and drawn.
// Skips, saying why, without playwright-core (npm install --save-dev playwright-core) or
// /usr/bin/chromium (apt-get install -y chromium). Screenshots go to test/artifacts/.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakevenRenderers, estimateHtml } from '../src/formats/analysis.js';
import { forecast as forecastOf } from '../src/engine/forecast.js';
import { breakeven as breakevenOfText, estimate as estimateOfText } from '../src/index.js';
import type { BreakevenReport, EstimateReport, ForecastReport } from '../src/report.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ARTIFACTS = join(ROOT, 'test', 'artifacts');
const CHROMIUM = '/usr/bin/chromium';
const load = <T>(name: string): T => JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'reports', `${name}.json`), 'utf8')) as T;

// The part of playwright-core used here, typed locally: the package is optional, so the test
// type-checks (and skips) where it is not installed.
interface Locator {
  count(): Promise<number>;
  nth(index: number): Locator;
  getAttribute(name: string): Promise<string | null>;
  boundingBox(): Promise<{ width: number; height: number } | null>;
  screenshot(options: { path: string }): Promise<unknown>;
}
interface Page {
  on(event: 'console', listener: (message: { type(): string; text(): string }) => void): void;
  on(event: 'pageerror', listener: (error: Error) => void): void;
  on(event: 'request' | 'requestfailed', listener: (request: { url(): string }) => void): void;
  on(event: 'dialog', listener: (dialog: { message(): string; dismiss(): Promise<void> }) => void): void;
  goto(url: string, options: { waitUntil: 'load' }): Promise<unknown>;
  locator(selector: string): Locator;
  evaluate<T>(fn: () => T): Promise<T>;
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>;
  close(): Promise<void>;
}
interface BrowserContext {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launchPersistentContext(userDataDir: string, options: { executablePath: string; args: string[]; headless: boolean; viewport: { width: number; height: number } }): Promise<BrowserContext> };
}

async function loadPlaywright(): Promise<Playwright | null> {
  const name = 'playwright-core'; // a variable, so TypeScript does not resolve the optional package
  try {
    return (await import(name)) as Playwright;
  } catch {
    return null;
  }
}

const playwright = await loadPlaywright();
const skip =
  playwright === null
    ? 'playwright-core is not installed: npm install --save-dev playwright-core@1.65.1'
    : !existsSync(CHROMIUM)
      ? `${CHROMIUM} is missing: apt-get install -y chromium`
      : null;

describe.skipIf(skip !== null)(`the HTML report in headless Chromium${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const estimate = load<EstimateReport>('estimate');
  const breakeven = load<BreakevenReport>('breakeven');
  const forecast = load<ForecastReport>('forecast');
  const options = breakeven.curves.map((c) => c.option);
  let work = '';
  let context: BrowserContext;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'llm-tco-browser-'));
    // A fresh profile each run. launch() refuses --user-data-dir in args; a persistent context
    // takes the folder instead.
    context = await playwright!.chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1100, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 20_000);

  afterAll(async () => {
    await context?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Opens `html` from a file; returns the page and every problem it reported. */
  async function open(html: string, file: string) {
    const path = join(work, file);
    writeFileSync(path, html);
    const url = pathToFileURL(path).href;
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()}`));
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(url, { waitUntil: 'load' });
    return { page, problems, requests, url };
  }

  it('loads with no error and no request but itself; charts drawn with a series per option and the crossings', async () => {
    const { page, problems, requests, url } = await open(estimateHtml(estimate, { breakeven, forecast }), 'report.html');
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);

    for (const chart of ['breakeven', 'forecast', 'forecast-cumulative']) {
      const svg = page.locator(`svg[data-chart="${chart}"]`);
      expect(await svg.count(), chart).toBe(1);
      const box = await svg.boundingBox();
      expect(box!.width, chart).toBeGreaterThan(300);
      const lines = page.locator(`svg[data-chart="${chart}"] polyline[data-series]`);
      expect(await lines.count(), chart).toBe(options.length);
      for (let i = 0; i < options.length; i++) {
        expect(await lines.nth(i).getAttribute('data-series')).toBe(options[i]);
        expect((await lines.nth(i).getAttribute('points'))?.trim()).not.toBe('');
        expect((await lines.nth(i).boundingBox())!.width, `${chart} ${options[i]}`).toBeGreaterThan(100);
      }
    }
    expect(await page.locator('svg[data-chart="breakeven"] circle[data-crossing]').count()).toBe(5);
    expect(await page.locator('svg[data-chart="forecast"] circle[data-crossing]').count()).toBe(2);

    // Every label inside its chart: nothing cut off at the edges.
    const outside = await page.evaluate(() => {
      // Runs in the page; typed by hand (the project compiles without the DOM library).
      interface Node {
        getBoundingClientRect(): { left: number; right: number; top: number; bottom: number };
        getAttribute(name: string): string | null;
        querySelectorAll(selector: string): Iterable<Node>;
        textContent: string | null;
      }
      const doc = (globalThis as unknown as { document: Node }).document;
      return [...doc.querySelectorAll('svg[data-chart]')].flatMap((svg) => {
        const frame = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text')]
          .filter((t) => {
            const b = t.getBoundingClientRect();
            return b.left < frame.left - 0.5 || b.right > frame.right + 0.5 || b.top < frame.top - 0.5 || b.bottom > frame.bottom + 0.5;
          })
          .map((t) => `${svg.getAttribute('data-chart')}: ${t.textContent}`);
      });
    });
    expect(outside).toEqual([]);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    for (const chart of ['breakeven', 'forecast', 'forecast-cumulative']) await page.locator(`svg[data-chart="${chart}"]`).screenshot({ path: join(ARTIFACTS, `chart-${chart}.png`) });
    await page.close();
  });

  /** Where the headline, tables, charts and each option's notes are on the page (page coordinates). */
  const layout = (page: Page) =>
    page.evaluate(() => {
      // Runs in the page; typed by hand (the project compiles without the DOM library).
      interface Node {
        getBoundingClientRect(): { top: number; bottom: number };
        getAttribute(name: string): string | null;
        querySelector(selector: string): Node | null;
        querySelectorAll(selector: string): Iterable<Node>;
        textContent: string | null;
      }
      const doc = (globalThis as unknown as { document: Node }).document;
      const y = (globalThis as unknown as { scrollY: number }).scrollY;
      const top = (n: Node) => n.getBoundingClientRect().top + y;
      const headline = doc.querySelector('#headline');
      return {
        headlineTop: headline ? top(headline) : null,
        headlineFirst: doc.querySelector('header > h1:first-child + #headline') !== null,
        firstTableTop: Math.min(...[...doc.querySelectorAll('table')].map(top)),
        firstChartTop: Math.min(...[...doc.querySelectorAll('svg[data-chart]')].map(top)),
        headline: headline?.textContent ?? '',
        // Each option's first row group that has notes.
        options: [...doc.querySelectorAll('tbody[data-option].has-notes')].map((group) => {
          const row = group.querySelector('tr')!;
          const notes = group.querySelector('tr.notes')!;
          return { option: group.getAttribute('data-option')!, rowBottom: row.getBoundingClientRect().bottom + y, notesTop: top(notes), notes: notes.textContent ?? '' };
        }),
      };
    });

  it('opens with the headline; each option\'s warnings sit right under its own row', async () => {
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'viability', 'api-gpu-cpu.yaml'), 'utf8');
    const options = { file: 'api-gpu-cpu.yaml', today: '2026-12-04' };
    const report = await estimateOfText(text, options);
    const be = await breakevenOfText(text, options);
    const pages = [
      { file: 'estimate-headline.html', html: estimateHtml(report, { breakeven: be, forecast: forecastOf(report, 0.1, 24) }), headline: report.summary.map((l) => l.text).join(' ') },
      { file: 'breakeven-headline.html', html: breakevenRenderers.html(be, { color: false }), headline: be.summary.map((l) => l.text).join(' ') },
    ];
    for (const { file, html, headline } of pages) {
      const { page, problems } = await open(html, file);
      expect(problems).toEqual([]);
      const l = await layout(page);
      // The answer first: under the title, above every table and chart.
      expect(l.headlineFirst, file).toBe(true);
      expect(l.headline).toBe(headline);
      expect(l.headlineTop!, file).toBeLessThan(l.firstTableTop);
      expect(l.headlineTop!, file).toBeLessThan(l.firstChartTop);
      // The CPU VPS is not viable: the reason and its catalogue's doubt in the row right under its own.
      const cpu = l.options.find((o) => o.option === 'CPU VPS');
      expect(cpu, `${file}: ${JSON.stringify(l.options)}`).toBeDefined();
      expect(cpu!.notes).toContain('CPU VPS is not viable: a stream decodes at');
      expect(cpu!.notes).toContain('hetzner/ccx33\'s catalogue entry: "Up from about EUR 48/month in a 2025-10-21 table. Verify before use."');
      expect(Math.abs(cpu!.notesTop! - cpu!.rowBottom), file).toBeLessThan(2);
      const gpu = l.options.find((o) => o.option === 'Llama 3.1 8B on a rented RTX 4090')!;
      expect(gpu.notes).toContain('engine llama.cpp (the default on consumer-gpu; set engine: to change)');
      expect(Math.abs(gpu.notesTop! - gpu.rowBottom), file).toBeLessThan(2);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, file.replace(/\.html$/, '.png')), fullPage: true });
      await page.close();
    }
  });

  it('shows a hostile option name as text and runs nothing', async () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const rename = <T>(r: T): T => JSON.parse(JSON.stringify(r).split(options[0]!).join(evil.replace(/"/g, '\\"'))) as T;
    const { page, problems, requests, url } = await open(estimateHtml(rename(estimate), { breakeven: rename(breakeven), forecast: rename(forecast) }), 'evil.html');
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    expect(await page.locator('script, img').count()).toBe(0);
    expect(await page.locator('svg[data-chart="breakeven"] polyline[data-series]').nth(0).getAttribute('data-series')).toBe(evil);
    await page.close();
  });
});
