import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { renderSite, type RenderedSite } from '../../functions/domain/site/index.ts';
import { CHROMIUM, launchChromium } from '../support/form-driver.ts';
import { fixtureMedia, fixtureSite } from '../support/site-fixtures.ts';
import { serveSite } from '../support/site-server.ts';
import { fmt } from './measure.ts';

/**
 * `npm run bench`, public site section (also `npx tsx test/bench/site.ts`): renders the fixture
 * showcase and prints each page's weight without images (HTML plus the CSS, script and icon it
 * references; target <= 50 KB), then loads the home and an initiative page in Chromium under
 * Lighthouse's mobile conditions (slow 4G, 4x CPU) and prints FCP, LCP, CLS, blocking time and
 * bytes. Lighthouse's own scores are printed when the `lighthouse` package is installed.
 */

const TARGET_KB = 50;
const INITIATIVE = '/initiatives/un-atelier-velo-pour-reprendre-la-route-de-l-emploi/';
const kb = (bytes: number) => fmt(bytes / 1024, 1);

export interface PageWeight {
  path: string;
  html: number;
  total: number;
  gzipped: number;
}

export function pageWeights(site: RenderedSite): PageWeight[] {
  const assets = [...site].filter(([p]) => p.startsWith('/assets/'));
  return [...site]
    .filter(([p]) => p.endsWith('.html'))
    .map(([path, file]) => {
      const html = String(file.body);
      const used = [file.body, ...assets.filter(([p]) => html.includes(p)).map(([, f]) => f.body)];
      return {
        path,
        html: Buffer.byteLength(file.body),
        total: used.reduce((sum, b) => sum + Buffer.byteLength(b), 0),
        gzipped: used.reduce((sum, b) => sum + gzipSync(b).length, 0),
      };
    });
}

interface Metrics {
  fcp: number;
  lcp: number;
  cls: number;
  tbt: number;
  bytes: number;
  requests: number;
}

/** Lighthouse's default mobile throttling (simulated there, applied here): 150 ms RTT, 1.6 Mbit/s, CPU 4x. */
async function measure(browser: Browser, url: string): Promise<Metrics> {
  const context = await browser.newContext({
    viewport: { width: 412, height: 823 },
    deviceScaleFactor: 1.75,
    isMobile: true,
    hasTouch: true,
    locale: 'fr-FR',
  });
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    const w = window as unknown as { __lcp: number; __cls: number; __long: number[] };
    w.__lcp = 0;
    w.__cls = 0;
    w.__long = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.__lcp = e.startTime))).observe({
      type: 'largest-contentful-paint',
      buffered: true,
    });
    new PerformanceObserver((list) =>
      list
        .getEntries()
        .forEach(
          (e) =>
            (w.__cls += (e as unknown as { hadRecentInput: boolean; value: number }).hadRecentInput
              ? 0
              : (e as unknown as { value: number }).value),
        ),
    ).observe({ type: 'layout-shift', buffered: true });
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(e.duration))).observe({
      type: 'longtask',
      buffered: true,
    });
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(1500);
  const metrics = await page.evaluate(() => {
    const w = window as unknown as { __lcp: number; __cls: number; __long: number[] };
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return {
      fcp,
      lcp: w.__lcp,
      cls: w.__cls,
      tbt: w.__long.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
      bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
      requests: 1 + resources.length,
    };
  });
  await context.close();
  return metrics;
}

/** Lighthouse scores if the package is installed (it is not a dependency of the project). */
async function lighthouseScores(urls: string[]): Promise<void> {
  const name = 'lighthouse';
  let lighthouse: (
    url: string,
    flags: Record<string, unknown>,
  ) => Promise<{ lhr: { categories: Record<string, { score: number | null }> } } | undefined>;
  try {
    lighthouse = ((await import(name)) as { default: typeof lighthouse }).default;
  } catch {
    console.log(
      '  Lighthouse: not installed (npm install -D lighthouse to get its performance and accessibility scores here)',
    );
    return;
  }
  const chrome = spawn(
    CHROMIUM,
    ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--remote-debugging-port=0', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let err = '';
      chrome.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString();
        const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
        if (match) resolve(Number(match[1]));
      });
      chrome.on('exit', () => reject(new Error(`Chromium exited: ${err.slice(-300)}`)));
    });
    for (const url of urls) {
      const result = await lighthouse(url, {
        port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
      });
      const score = (id: string) => fmt((result?.lhr.categories[id]?.score ?? NaN) * 100, 0);
      console.log(
        `  Lighthouse ${new URL(url).pathname}: performance ${score('performance')} (target >= 95), accessibility ${score('accessibility')} (target 100)`,
      );
    }
  } finally {
    chrome.kill();
  }
}

export async function siteBench(): Promise<void> {
  console.log('\n== Public site: page weight without images, and loading in Chromium ==');
  const input = fixtureSite({ siteUrl: 'http://127.0.0.1' });
  const started = performance.now();
  const site = renderSite(input);
  console.log(
    `  rendered ${site.size} files (${input.initiatives.length} initiatives) in ${fmt(performance.now() - started, 0)} ms`,
  );
  const weights = pageWeights(site);
  const kind = (p: string) => (p === '/index.html' ? 'home' : (p.split('/')[1] ?? p).replace('.html', ''));
  console.log(`  ${'page'.padEnd(72)} ${'HTML'.padStart(8)} ${'+assets'.padStart(8)} ${'gzipped'.padStart(8)}  (KB)`);
  for (const w of weights)
    console.log(
      `  ${w.path.padEnd(72)} ${kb(w.html).padStart(8)} ${kb(w.total).padStart(8)} ${kb(w.gzipped).padStart(8)}`,
    );
  const heaviest = weights.reduce((a, b) => (b.total > a.total ? b : a));
  const byKind = new Map<string, number>();
  for (const w of weights) byKind.set(kind(w.path), Math.max(byKind.get(kind(w.path)) ?? 0, w.total));
  console.log(
    `  heaviest: ${heaviest.path} ${kb(heaviest.total)} KB (${kb(heaviest.gzipped)} KB gzipped); target <= ${TARGET_KB} KB: ${heaviest.total <= TARGET_KB * 1024 ? 'met' : 'NOT MET'}`,
  );
  console.log(`  heaviest by kind: ${[...byKind].map(([k, v]) => `${k} ${kb(v)} KB`).join(', ')}`);

  if (!existsSync(CHROMIUM)) {
    console.log(`  browser metrics: not run (${CHROMIUM} missing: apt-get install -y chromium)`);
    return;
  }
  // The frontend build serves what the publication links to but does not render (the vote widget), as the local front does.
  const server = await serveSite(site, await fixtureMedia(input.initiatives), {
    frontendDir: path.resolve(import.meta.dirname, '../../dist/frontend'),
  });
  const browser = await launchChromium();
  try {
    for (const path of ['/', INITIATIVE]) {
      const runs: Metrics[] = [];
      for (let i = 0; i < 3; i++) runs.push(await measure(browser, `${server.url}${path}`));
      const mid = (pick: (m: Metrics) => number) => [...runs.map(pick)].sort((a, b) => a - b)[1]!;
      console.log(
        `  ${path}: FCP ${fmt(
          mid((m) => m.fcp),
          0,
        )} ms, LCP ${fmt(
          mid((m) => m.lcp),
          0,
        )} ms, CLS ${fmt(
          mid((m) => m.cls),
          3,
        )}, ` +
          `blocking ${fmt(
            mid((m) => m.tbt),
            0,
          )} ms, ${kb(mid((m) => m.bytes))} KB in ${mid((m) => m.requests)} requests ` +
          '(median of 3; mobile 412 px, 150 ms RTT, 1.6 Mbit/s, CPU 4x; Lighthouse "good": FCP < 1800, LCP < 2500, CLS < 0.1, TBT < 200)',
      );
    }
    await lighthouseScores([`${server.url}/`, `${server.url}${INITIATIVE}`]);
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await siteBench();
