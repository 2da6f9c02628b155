import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { displayPath } from '../src/results/summary.js';
import { tempDir } from './helpers.js';

/*
 * The HTML report in a real browser: Debian's chromium (installed by scripts/ensure-chromium.sh,
 * which npm test runs first), driven by playwright-core, which downloads no browser. Without
 * chromium these tests show as skipped, with the reason in their name.
 */

const ROOT = path.resolve(__dirname, '..');
/** Where the screenshot goes: gitignored, kept after the run for a person to look at. */
const OUTPUT = path.join(ROOT, 'test-output');

function findChromium(): string | undefined {
  if (process.env.SPECGUARD_CHROMIUM) return process.env.SPECGUARD_CHROMIUM;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const executablePath = findChromium();
const withBrowser = executablePath === undefined ? ' (skipped: chromium is not installed; run scripts/ensure-chromium.sh)' : '';

const dir = tempDir('specguard-report-browser-');
const HOSTILE = `openapi: 3.0.3
info: {title: '<img src=x onerror="window.pwned=1">', version: '1'}
servers: [{url: 'http://api.example.com'}]
paths:
  /users/<script>window.pwned=2</script>:
    get:
      parameters:
        - {name: q, in: query, schema: {type: string}}
      responses: {'200': {description: ok}}
`;

let browser: Browser | undefined;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  if (executablePath === undefined) return;
  writeFileSync(path.join(dir, 'hostile.yaml'), HOSTILE);
  const out = path.join(dir, 'report.html');
  let stderr = '';
  const code = await run(
    ['report', path.join(ROOT, 'examples', 'insecure'), path.join(ROOT, 'examples', 'secure'), path.join(dir, 'hostile.yaml'), '-o', out],
    {
      stdout: () => {},
      stderr: t => (stderr += t),
    },
  );
  expect(code, stderr).toBe(0);
  browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // A missing option or element fails in seconds, not at the test's timeout.
  page.setDefaultTimeout(5_000);
  page.on('console', message => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', error => problems.push(`page error: ${error.message}`));
  page.on('dialog', dialog => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', request => {
    if (!request.url().startsWith('file:')) problems.push(`request: ${request.url()}`);
  });
  await page.goto(pathToFileURL(out).href);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const visibleRows = () => page.locator('#findings tbody tr:visible').count();
const column = (index: number) => page.locator(`#findings tbody tr:visible td:nth-child(${index})`).allTextContents();

describe(`the HTML report in chromium${withBrowser}`, () => {
  it.skipIf(executablePath === undefined)('loads without console errors, requests or dialogs, and runs nothing from the spec', async () => {
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.title()).toBe('specguard report');
    expect(problems).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    // The hostile title is shown as text.
    expect(await page.locator('#apis').textContent()).toContain('<img src=x onerror="window.pwned=1">');
  });

  it.skipIf(executablePath === undefined)('filters the findings by severity, category, rule and API', async () => {
    const all = await visibleRows();
    expect(all).toBeGreaterThan(50);
    expect(await page.locator('#shown').textContent()).toBe(`${all} of ${all} findings shown`);

    await page.selectOption('select[data-filter="severity"]', 'error');
    const errors = await visibleRows();
    expect(errors).toBeGreaterThan(0);
    expect(errors).toBeLessThan(all);
    expect(new Set(await column(2))).toEqual(new Set(['error']));
    expect(await page.locator('#shown').textContent()).toBe(`${errors} of ${all} findings shown`);

    await page.selectOption('select[data-filter="category"]', 'API8:2023');
    expect(new Set(await column(3))).toEqual(new Set(['API8:2023']));
    const errorsInApi8 = await visibleRows();
    expect(errorsInApi8).toBeLessThan(errors);

    await page.selectOption('select[data-filter="severity"]', '');
    await page.selectOption('select[data-filter="category"]', '');
    await page.selectOption('select[data-filter="rule"]', 'specguard-server-https');
    expect(new Set(await column(4))).toEqual(new Set(['specguard-server-https']));
    await page.selectOption('select[data-filter="rule"]', '');

    const hostileApi = displayPath(path.join(dir, 'hostile.yaml'), process.cwd());
    await page.selectOption('select[data-filter="file"]', hostileApi);
    expect(new Set(await column(1))).toEqual(new Set([hostileApi]));
    await page.selectOption('select[data-filter="file"]', '');
    expect(await visibleRows()).toBe(all);
  });

  it.skipIf(executablePath === undefined)('sorts the findings by a column, ascending then descending', async () => {
    const severity = page.locator('#findings thead th').nth(1);
    await severity.locator('button').click();
    expect(await severity.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await column(2);
    expect(ascending[0]).toBe('error');
    expect(ascending.at(-1)).toBe('info');
    expect(ascending).toEqual([...ascending].sort((a, b) => rank(a) - rank(b)));

    await severity.locator('button').click();
    expect(await severity.getAttribute('aria-sort')).toBe('descending');
    const descending = await column(2);
    expect(descending[0]).toBe('info');
    expect(descending.at(-1)).toBe('error');

    // The summary table sorts too: by score, best first after two clicks.
    const score = page.locator('#apis thead th').nth(1);
    await score.locator('button').click();
    await score.locator('button').click();
    const scores = (await page.locator('#apis tbody tr td:nth-child(2)').allTextContents()).map(text => Number.parseInt(text, 10));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it.skipIf(executablePath === undefined)('writes a screenshot', async () => {
    mkdirSync(OUTPUT, { recursive: true });
    const file = path.join(OUTPUT, 'report.png');
    const image = await page.screenshot({ path: file, fullPage: false });
    expect(image.length).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
  });
});

const rank = (severity: string) => ['error', 'warning', 'info', 'hint'].indexOf(severity);
