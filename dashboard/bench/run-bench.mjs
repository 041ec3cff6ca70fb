// `npm run bench -w dashboard`: what the wallboard costs a browser.
//  1. Production bundle, gzip: the files Chromium really loads for the wallboard (measured
//     from its requests), against the 200 kB budget.
//  2. Time to first useful paint on localhost (performance mark set when the first figures
//     are on screen), against the first contentful paint of a bare page from the same server.
//  3. JS heap under 10 patches/s for BENCH_HEAP_SECONDS (default 120 s; the issue asks for
//     10 minutes: set BENCH_HEAP_SECONDS=600), after forced GCs, against the heap at start.
// The feed is bench/feed-harness.mjs (real socket.io, the shared contract, an exact rate);
// the server's own feed latency is measured by the server's benchmark.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../e2e/support/browser.mjs';
import { startFeedHarness } from './feed-harness.mjs';

const dashboardDir = fileURLToPath(new URL('..', import.meta.url));
const distDir = path.join(dashboardDir, 'dist');
const BUDGET_BYTES = 200 * 1024;
const PAINT_RUNS = Number(process.env.BENCH_PAINT_RUNS ?? 7);
const HEAP_SECONDS = Number(process.env.BENCH_HEAP_SECONDS ?? 120);
const PATCHES_PER_SECOND = 10;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

function build() {
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: dashboardDir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed');
}

/** Loads a page and returns the dist files it fetched (JS, CSS, HTML). */
async function loadedFiles(browser, url, waitFor) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = new Set();
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/assets/')) files.add(pathname.slice(1));
  });
  await page.goto(url);
  await page.waitForSelector(waitFor, { timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await context.close();
  return ['index.html', ...files];
}

function gzipBytes(files) {
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(distDir, file)), { level: 9 }).length, 0);
}

async function measureBundle(browser, baseUrl) {
  const wall = await loadedFiles(browser, `${baseUrl}/mur`, '[data-testid=pickup-today]');
  const supervision = await loadedFiles(browser, `${baseUrl}/supervision`, '[role=img]');
  return { wallFiles: wall, wall: gzipBytes(wall), supervision: gzipBytes(supervision), supervisionFiles: supervision };
}

async function measurePaint(browser, baseUrl) {
  const useful = [];
  const baseline = [];
  for (let run = 0; run < PAINT_RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/__baseline`);
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, {
      timeout: 30_000,
    });
    baseline.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime));
    await page.goto(`${baseUrl}/mur`);
    await page.waitForFunction(() => performance.getEntriesByName('iris:first-useful-paint').length > 0, null, {
      timeout: 30_000,
    });
    useful.push(await page.evaluate(() => performance.getEntriesByName('iris:first-useful-paint')[0].startTime));
    await context.close();
  }
  return { useful: median(useful), baseline: median(baseline), runs: PAINT_RUNS };
}

async function measureHeap(browser) {
  const harness = await startFeedHarness({ patchesPerSecond: PATCHES_PER_SECOND });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(`${harness.url}/supervision`);
    await page.waitForSelector('[role=img]', { timeout: 30_000 });
    // What the heap holds, by kind: V8's compiled code (which grows while the JIT warms up)
    // apart from the page's objects (which must not grow).
    const heapByKind = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const chunks = [];
      const onChunk = (event) => chunks.push(event.chunk);
      cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
      await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
      const snapshot = JSON.parse(chunks.join(''));
      const fields = snapshot.snapshot.meta.node_fields;
      const types = snapshot.snapshot.meta.node_types[0];
      const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
      const byName = new Map();
      let code = 0;
      let objects = 0;
      for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
        const size = snapshot.nodes[i + sizeAt];
        const type = types[snapshot.nodes[i + typeAt]];
        if (type === 'code') code += size;
        else {
          objects += size;
          const name = `${type}:${String(snapshot.strings[snapshot.nodes[i + nameAt]]).slice(0, 50)}`;
          byName.set(name, (byName.get(name) ?? 0) + size);
        }
      }
      return { code, objects, byName };
    };
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    // Warm-up: let the first patches, charts and caches settle before the baseline.
    await page.waitForTimeout(10_000);
    const kindsAtStart = await heapByKind();
    const samples = [{ t: 0, bytes: await heap() }];
    const sentAtStart = harness.patchesSent();
    const started = Date.now();
    while (Date.now() - started < HEAP_SECONDS * 1000) {
      await page.waitForTimeout(Math.min(15_000, HEAP_SECONDS * 1000 - (Date.now() - started)));
      samples.push({ t: (Date.now() - started) / 1000, bytes: await heap() });
    }
    const patches = harness.patchesSent() - sentAtStart;
    const kindsAtEnd = await heapByKind();
    const grew = [...kindsAtEnd.byName]
      .map(([name, size]) => [name, size - (kindsAtStart.byName.get(name) ?? 0)])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4);
    // The page really followed: its "updated at" clock is the last patch's.
    const updated = await page.evaluate(() => document.querySelector('.updated')?.textContent ?? '');
    await context.close();
    const n = samples.length;
    const meanT = samples.reduce((s, p) => s + p.t, 0) / n;
    const meanB = samples.reduce((s, p) => s + p.bytes, 0) / n;
    const slope =
      samples.reduce((s, p) => s + (p.t - meanT) * (p.bytes - meanB), 0) /
      samples.reduce((s, p) => s + (p.t - meanT) ** 2, 0);
    return {
      samples,
      patches,
      seconds: HEAP_SECONDS,
      slopeBytesPerMinute: slope * 60,
      updated,
      kindsAtStart,
      kindsAtEnd,
      grew,
    };
  } finally {
    await harness.stop();
  }
}

build();
const browser = await launchBrowser();
const harness = await startFeedHarness({ patchesPerSecond: 0 });
let bundle;
let paint;
try {
  bundle = await measureBundle(browser, harness.url);
  paint = await measurePaint(browser, harness.url);
} finally {
  await harness.stop();
}
const heap = await measureHeap(browser);
await browser.close();

const first = heap.samples[0].bytes;
const last = heap.samples.at(-1).bytes;
const peak = Math.max(...heap.samples.map((s) => s.bytes));
const lines = [
  `Measured ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Chromium headless (${browser.version?.() ?? ''}), by \`npm run bench -w dashboard\`.`,
  '',
  '| Measure | Value | Baseline (same run) | Ratio |',
  '|---|---|---|---|',
  `| Wall screen (/mur) first load, gzip (${bundle.wallFiles.length} files) | ${kb(bundle.wall)} | budget 200 kB | ${(bundle.wall / BUDGET_BYTES).toFixed(2)} |`,
  `| Supervision with charts (/supervision), gzip (${bundle.supervisionFiles.length} files) | ${kb(bundle.supervision)} | budget 200 kB | ${(bundle.supervision / BUDGET_BYTES).toFixed(2)} |`,
  `| First useful paint, median of ${paint.runs} (figures on screen) | ${paint.useful.toFixed(0)} ms | bare page FCP ${paint.baseline.toFixed(0)} ms | ${(paint.useful / paint.baseline).toFixed(1)} |`,
  `| JS heap after GC, end of ${heap.seconds} s at ${PATCHES_PER_SECOND} patches/s (${heap.patches} patches) | ${kb(last)} | at start ${kb(first)} | ${(last / first).toFixed(2)} |`,
  `| JS heap trend (least squares over ${heap.samples.length} samples) | ${(heap.slopeBytesPerMinute / 1024).toFixed(1)} kB/min | peak ${kb(peak)} | — |`,
  `| Heap snapshot: page objects (all but compiled code), end vs start | ${kb(heap.kindsAtEnd.objects)} | ${kb(heap.kindsAtStart.objects)} | ${(heap.kindsAtEnd.objects / heap.kindsAtStart.objects).toFixed(2)} |`,
  `| Heap snapshot: V8 compiled code (JIT warm-up), end vs start | ${kb(heap.kindsAtEnd.code)} | ${kb(heap.kindsAtStart.code)} | ${(heap.kindsAtEnd.code / heap.kindsAtStart.code).toFixed(2)} |`,
  '',
  `Heap samples (s: kB): ${heap.samples.map((s) => `${s.t.toFixed(0)}: ${(s.bytes / 1024).toFixed(0)}`).join(', ')}.`,
  `The page followed the feed to the end (${heap.updated.trim() || 'no update time shown'}).`,
  `Largest growth among page objects (snapshot end - start): ${heap.grew.map(([name, size]) => `${name} ${(size / 1024).toFixed(1)} kB`).join('; ')}.`,
  '',
  heap.seconds >= 600
    ? `Notes: the heap run is the issue's full ${heap.seconds / 60} minutes. Growth among page objects is mostly the measurement itself (DevTools' network records of the CDP session) and Chromium's bounded resource-timing buffer.`
    : `Notes: the heap run is ${heap.seconds} s, not the issue's 10 minutes, to share the machine (BENCH_HEAP_SECONDS=600 for the full run).`,
  'The feed is bench/feed-harness.mjs: a real socket.io server speaking the shared contract at an exact rate, not the IRIS server',
  '(whose coalescer caps patches at PATCH_MAX_PER_SECOND); paint is measured from navigation start on localhost.',
  `Files of the wall screen: ${bundle.wallFiles.join(', ')}.`,
];
writeFileSync(path.join(dashboardDir, 'bench', 'RESULTS.md'), `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
