// screenshot: makes playground/screenshot.png, the picture in the README: the step-through view
// of the try/finally preset in Debian's Chromium. Run by hand (node playground/screenshot.mjs).
// Must never: download a browser.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from './build.mjs';
import { serveStatic } from './serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { outDir } = await build({ quiet: true });
const { server, url } = await serveStatic(outDir);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1180, height: 720 } });
await page.goto(`${url}?theme=light#preset=try-finally`);
await page.waitForFunction(() => document.getElementById('badge').dataset.state === 'same', null, { timeout: 30000 });
await page.click('#tab-step');
for (let i = 0; i < 40; i++) {
  if ((await page.textContent('#stepEvent')).includes('load: await #2 resumes')) break;
  await page.click('#next');
}
await page.mouse.move(0, 0);
await page.screenshot({ path: path.join(here, 'screenshot.png') });
await browser.close();
server.close();
