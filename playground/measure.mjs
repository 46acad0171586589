// measure: `npm run playground:measure`. Builds the playground (minified), prints the size of each
// file (raw and gzip), then loads the page 5 times in Debian's Chromium (fresh context each time,
// served from 127.0.0.1) and prints the median time to first contentful paint, to the editor, to
// the first rewrite shown and to the first badge verdict. A script, not a timed test.
// Must never: download a browser, or reach anything but the loopback address.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from './build.mjs';
import { serveStatic } from './serve.mjs';

const runs = Number(process.env.RUNS ?? 5);
const { outDir, sizes } = await build({ quiet: true });
let total = 0;
let totalGzip = 0;
console.log('file          raw KiB   gzip KiB');
for (const [file, size] of Object.entries(sizes)) {
  const gzip = zlib.gzipSync(fs.readFileSync(path.join(outDir, file)), { level: 9 }).length;
  total += size;
  totalGzip += gzip;
  console.log(`${file.padEnd(12)} ${(size / 1024).toFixed(1).padStart(8)} ${(gzip / 1024).toFixed(1).padStart(10)}`);
}
console.log(`${'total'.padEnd(12)} ${(total / 1024).toFixed(1).padStart(8)} ${(totalGzip / 1024).toFixed(1).padStart(10)}`);

const { server, url } = await serveStatic(outDir);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const samples = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${url}#preset=timeline`);
  await page.waitForFunction(() => performance.getEntriesByName('playground:verdict').length > 0, null, { timeout: 60000 });
  samples.push(
    await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      return { fcp: at('first-contentful-paint'), editor: at('playground:editor-shown'), rewrite: at('playground:rewrite-shown'), verdict: at('playground:verdict') };
    }),
  );
  await context.close();
}
await browser.close();
server.close();
const median = (key) => {
  const values = samples.map((s) => s[key]).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
};
const version = browser.version?.() ?? '';
console.log(`\nChromium ${version}, ${runs} fresh loads of the timeline preset, median ms since navigation start:`);
console.log(`  first contentful paint   ${median('fcp').toFixed(0)}`);
console.log(`  editor shown             ${median('editor').toFixed(0)}`);
console.log(`  first rewrite shown      ${median('rewrite').toFixed(0)}`);
console.log(`  first badge verdict      ${median('verdict').toFixed(0)}`);
