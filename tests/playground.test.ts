/*
 * playground.test: drives the built playground (playground/serve.mjs builds and serves it on
 * 127.0.0.1) in Debian's Chromium through playwright-core, one browser and one page reused, and
 * checks what a reader sees: every preset's badge, the rewrite following edits, the diff, the step
 * highlights, syntax and plugin errors, the time limit, a deliberately diverging run, and that
 * Chromium's native timeline equals the one Node records for the same program. Screenshots of
 * each view go to artifacts/playground/ (gitignored).
 * Must never: download a browser, or accept a badge without the runs behind it.
 */
/// <reference lib="dom" />
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { probePath, reactionProbePath } from '../src/trace/timeline';
import { prepareTrace } from '../src/trace/tracePlan';
import { runProgram } from '../src/trace/runProgram';
import { toTimeline, type TimelineEvent } from '../src/trace/traceResult';

const root = path.join(__dirname, '..');
const artifacts = path.join(root, 'artifacts', 'playground');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const presets = JSON.parse(fs.readFileSync(path.join(root, 'playground', 'presets', 'index.json'), 'utf8')) as Array<{ id: string; file: string; title: string }>;

/**
 * The native run of src/trace in a Node child, as the CLI's --trace makes it: with the probe that
 * sees settlements through promise hooks (the CLI's), or through a reaction (the browser's).
 */
async function nodeNative(source: string, probe: string): Promise<TimelineEvent[]> {
  const programs = prepareTrace(source, { filename: 'program.js', probePath: probe });
  const run = await runProgram(programs.nativeObserved, { filename: 'program.js' });
  if (run.failure) throw new Error(`node run failed: ${run.failure}`);
  return toTimeline(run).events;
}
/** Started in beforeAll, one preset after the other, while the browser works. */
let nodeRuns: Promise<Map<string, { hooks: TimelineEvent[]; reactions: TimelineEvent[] }>>;

let server: ChildProcess;
let baseUrl: string;
let browser: Browser;
let page: Page;

function startServer(): Promise<string> {
  return new Promise((resolve, reject) => {
    server = spawn(process.execPath, [path.join(root, 'playground', 'serve.mjs')], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
      if (found) resolve(found[0]);
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.on('exit', (code) => reject(new Error(`playground server exited (${code}): ${output}`)));
  });
}

/** Waits for the next verdict of the badge after `action`, and returns its state and text. */
async function nextVerdict(action: () => Promise<unknown>): Promise<{ state: string; text: string }> {
  const before = await page.getAttribute('#badge', 'data-verdict');
  await action();
  await page.waitForFunction(
    (previous) => {
      const badge = document.getElementById('badge')!;
      return badge.dataset.verdict !== previous && badge.dataset.state !== 'busy';
    },
    before,
    { timeout: 30000 },
  );
  return { state: (await page.getAttribute('#badge', 'data-state')) ?? '', text: (await page.textContent('#badge')) ?? '' };
}

async function open(query = '', hash = ''): Promise<{ state: string; text: string }> {
  await page.goto('about:blank'); // a change of hash alone would not reload the page
  await page.goto(`${baseUrl}${query}${hash ? `#${hash}` : ''}`);
  await page.waitForFunction(() => {
    const badge = document.getElementById('badge');
    return badge !== null && badge.dataset.verdict !== undefined && badge.dataset.state !== 'busy';
  }, null, { timeout: 30000 });
  return { state: (await page.getAttribute('#badge', 'data-state')) ?? '', text: (await page.textContent('#badge')) ?? '' };
}

/** Replaces the editor's text the way a reader would: select all, type. */
async function typeCode(code: string): Promise<{ state: string; text: string }> {
  return nextVerdict(async () => {
    await page.click('#editor .cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(code);
  });
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

beforeAll(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: install the Debian package (apt-get install -y chromium), as .ci/run does`);
  nodeRuns = (async () => {
    const runs = new Map<string, { hooks: TimelineEvent[]; reactions: TimelineEvent[] }>();
    for (const preset of presets) {
      const source = fs.readFileSync(path.join(root, preset.file), 'utf8');
      runs.set(preset.id, { reactions: await nodeNative(source, reactionProbePath), hooks: await nodeNative(source, probePath) });
    }
    return runs;
  })();
  baseUrl = await startServer();
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
}, 60000);

afterAll(async () => {
  await browser?.close();
  server?.kill();
});

const fmt = (event: TimelineEvent) => `${event.tick} ${event.time} ${event.kind} ${event.text}`;

describe('the playground in Chromium', () => {
  test('every preset loads and both runs agree; the native timeline equals the Node run of the same program', async () => {
    expect((await open()).state).not.toBe('error');
    for (const preset of presets) {
      const verdict = await nextVerdict(() => page.selectOption('#preset', preset.id));
      expect(`${preset.id}: ${verdict.text}`).toMatch(new RegExp(`^${preset.id}: identical: \\d+ events, same microtasks$`));
      const inBrowser = (await page.evaluate(() => (window as unknown as { __playground: { trace: { native: { events: TimelineEvent[] } } } }).__playground.trace.native.events)).map(fmt);
      const node = (await nodeRuns).get(preset.id)!;
      // Node, with the browser's way of seeing settlements (a reaction): the same log, event by event
      expect(`${preset.id}:\n${inBrowser.join('\n')}`).toBe(`${preset.id}:\n${node.reactions.map(fmt).join('\n')}`);
      // Node as the CLI runs it (promise hooks): every event but the settlements, in order, and as many
      const withoutSettle = (events: string[]) => events.filter((line) => !/^\d+ \d+ settle /.test(line));
      expect(withoutSettle(inBrowser)).toEqual(withoutSettle(node.hooks.map(fmt)));
      expect(inBrowser.length).toBe(node.hooks.length);
    }
  }, 100000);

  test('the rewrite follows edits; the diff opens; the timeline draws lanes', async () => {
    await open('', 'preset=timeline');
    await shot('rewrite');
    const verdict = await typeCode('async function edited(x) {\n  const y = await x;\n  console.log("got", y);\n}\nedited(41);\n');
    expect(verdict.text).toMatch(/^identical: \d+ events, same microtasks$/);
    // (ES2015 input: the declaration becomes `var edited = (x) => ...`, not constructible, as natively)
    await page.waitForFunction(() => /\bedited\b[\s\S]*state\.await\(x, 1\)/.test(document.querySelector('#rewrite .cm-content')!.textContent!));
    const rewrite = (await page.textContent('#rewrite .cm-content')) ?? '';
    expect(rewrite).toContain('state.await(x, 1)');
    expect(rewrite).not.toContain('async function');
    // line links, both ways, from the source map
    await page.hover('#rewrite .cm-line:has-text("state.await(x, 1)")');
    expect(await page.$$eval('#editor .cm-line.pg-linked', (lines) => lines.map((l) => l.textContent))).toEqual(['  const y = await x;']);
    await page.hover('#editor .cm-line:has-text("console.log")');
    const linked = await page.$$eval('#rewrite .cm-line.pg-linked', (lines) => lines.map((l) => l.textContent!.trim()));
    expect(linked).toContain('console.log("got", y);');
    expect(linked.some((line) => line.includes('state.await'))).toBe(false);

    await page.click('#tab-diff');
    await page.waitForSelector('#view-diff:not([hidden]) table.diff');
    const head = await page.textContent('#diff .diff-head');
    expect(head).toBe('async edited (lines 1-4)');
    const rows = await page.$$eval('#diff tr', (trs) => trs.map((tr) => [tr.children[0].textContent, tr.children[1].textContent, tr.children[3].textContent]));
    // (the first await is in the entry segment, after the step's cases: see tests/cli.test.ts --diff)
    expect(rows.some((row) => (row[2] ?? '').includes('state.await(x, 1)'))).toBe(true);
    expect(rows.some((row) => /case 1:/.test(row[2] ?? ''))).toBe(true);

    await page.selectOption('#preset', 'call-chain');
    await page.waitForFunction(() => document.getElementById('badge')!.dataset.state === 'same');
    await page.click('#tab-timeline');
    const lanes = await page.$$eval('#lanes .lane-name', (texts) => texts.map((t) => t.textContent));
    expect(lanes).toEqual(expect.arrayContaining(['a() #1', 'b() #1', 'c() #1', 'console', 'script / timers']));
    expect(await page.$$eval('#lanes .resume-arrow', (arrows) => arrows.length)).toBe(3);
    expect(await page.textContent('#table')).toContain('the timelines match: 18 events');
    await shot('timeline');
    await page.click('#tab-diff');
    await shot('diff');
  }, 60000);

  test('stepping through highlights the await in the original and the case in the rewrite', async () => {
    await open('', 'preset=timeline');
    await page.click('#tab-step');
    const current = async () => ({
      event: await page.textContent('#stepEvent'),
      source: await page.$$eval('#editor .cm-line.pg-current', (lines) => lines.map((l) => l.textContent)),
      rewrite: await page.$$eval('#stepRewrite .cm-line.pg-current', (lines) => lines.map((l) => l.textContent)),
      machine: await page.textContent('#machine'),
      console: await page.textContent('#console'),
    });
    // step by step up to the suspension at `await Promise.resolve()` (line 12), then the resumption
    let state = await current();
    for (let i = 0; i < 10 && !state.event?.includes('suspends'); i++) {
      await page.click('#next');
      state = await current();
    }
    expect(state.event).toContain('f: await #1 (line 12) suspends');
    expect(state.source).toEqual(['  await Promise.resolve();']);
    // (case 0 is the entry segment the function runs itself: its `try {`, src/lowering/entrySegment.ts)
    expect(state.rewrite.map((line) => line?.trim())).toEqual(['try {']);
    expect(state.console).toBe('A\nB');
    while (!state.event?.includes('resumes')) {
      await page.click('#next');
      state = await current();
    }
    expect(state.source).toEqual(['  await Promise.resolve();']);
    expect(state.rewrite.map((line) => line?.trim())).toEqual(['case 1:']);
    expect(state.machine).toContain('current casecase 1');
    expect(state.machine).toContain('value sent inundefined');
    expect(state.console).toBe('A\nB\nD');
    await page.click('#prev');
    expect((await current()).event).toContain('log: D');
    // the slider walks the same events
    await page.fill('#slider', '0');
    expect((await current()).event).toContain('script');

    // a try region is shown while it is open
    await nextVerdict(() => page.selectOption('#preset', 'try-finally'));
    await page.click('#tab-step');
    for (let i = 0; i < 40; i++) {
      state = await current();
      if (state.event?.includes('load: await #1 resumes')) break;
      await page.click('#next');
    }
    expect(state.machine).toMatch(/open try regionsa throw in here goes to case \d+; finally at case \d+/);
    expect(state.source).toEqual(['    const data = await delay(10, "data");']);
    await shot('step');
  }, 60000);

  test('a syntax error is marked with its line and column; a plugin rejection shows its message', async () => {
    await open('', 'preset=timeline');
    const verdict = await typeCode('async function f() {\n  await 1;\n  let x = ;\n}\n');
    expect(verdict.state).toBe('error');
    expect(verdict.text).toBe('Syntax error at line 3, column 11');
    expect(await page.textContent('#error')).toContain('Syntax error at line 3, column 11');
    await page.waitForSelector('#editor .cm-lintRange-error');
    expect(await page.$$eval('#editor .cm-line.pg-error', (lines) => lines.map((l) => l.textContent))).toEqual(['  let x = ;']);
    await shot('syntax-error');

    const rejected = await typeCode('const v = await Promise.resolve(1);\nconsole.log(v);\n');
    expect(rejected.state).toBe('error');
    expect(rejected.text).toMatch(/^The plugin rejected this code at line 1/);
    expect(await page.textContent('#error')).toContain('top-level await is not supported');
    // an ES module is fine: the trace converts it to CommonJS (Babel's module helpers, with the
    // page's assert shim), and both runs agree
    const esModule = await typeCode('export const x = 1;\nasync function f() {\n  await null;\n  console.log(x);\n}\nf();\n');
    expect(esModule.text).toMatch(/^identical: \d+ events, same microtasks$/);
  }, 60000);

  test('an infinite loop and an endless microtask chain are stopped by the time limit; the page still responds', async () => {
    await open('?limit=1500', 'preset=timeline');
    const loop = await typeCode('async function spin() {\n  await null;\n  while (true) {}\n}\nspin();\n');
    expect(loop.state).toBe('error');
    expect(loop.text).toContain('stopped by the 1.5 s time limit');
    await page.click('#tab-diff');
    expect(await page.getAttribute('#tab-diff', 'aria-selected')).toBe('true');
    expect(await page.isVisible('#view-diff table.diff')).toBe(true);
    const chain = await typeCode('async function forever() {\n  for (;;) await null;\n}\nforever();\n');
    expect(chain.text).toContain('stopped by the 1.5 s time limit');
    // Stop ends a run by hand
    const stopped = await nextVerdict(async () => {
      await page.click('#run');
      await page.waitForSelector('#stop:not([disabled])');
      await page.click('#stop');
    });
    expect(stopped.text).toBe('stopped (Stop button)');
    await page.click('#tab-rewrite');
    expect(await page.getAttribute('#tab-rewrite', 'aria-selected')).toBe('true');
  }, 60000);

  test('a deliberately diverging run (one extra tick on the rewritten side) shows where it differs', async () => {
    const verdict = await open('?testInjectTick=1', 'preset=timeline');
    expect(verdict.state).toBe('differs');
    expect(verdict.text).toMatch(/^differs at event \d+ \(native: tick \d+, .+, rewritten: tick \d+, .+\)$/);
    const at = Number(/event (\d+)/.exec(verdict.text)![1]);
    const events = await page.evaluate(() => {
      const t = (window as unknown as { __playground: { trace: { native: { events: TimelineEvent[] }; rewritten: { events: TimelineEvent[] } } } }).__playground.trace;
      return { native: t.native.events, rewritten: t.rewritten.events };
    });
    expect(fmt(events.native[at - 1])).not.toBe(fmt(events.rewritten[at - 1]));
    for (let i = 0; i < at - 1; i++) expect(fmt(events.native[i])).toBe(fmt(events.rewritten[i]));
    await shot('differs');
  }, 60000);

  test('options: inline runtime, explain, runtime source, shareable URL, dark theme, narrow screen', async () => {
    await open('', 'preset=return-promise');
    const inline = await nextVerdict(() => page.selectOption('#runtime', 'inline'));
    expect(inline.text).toMatch(/^identical: \d+ events, same microtasks$/);
    expect(await page.evaluate(() => (window as unknown as { __playground: { rewrite(): string } }).__playground.rewrite())).not.toContain('require(');
    const explained = await nextVerdict(() => page.check('#explain'));
    expect(explained.state).toBe('same');
    // (the editor renders only the lines in view: read its document)
    await page.waitForFunction(() => (window as unknown as { __playground: { rewrite(): string } }).__playground.rewrite().includes('await #1 at line'));
    await page.check('#showRuntime');
    expect(await page.textContent('#runtimeSource')).toContain('asyncMachine');
    const shared = page.url();
    expect(shared).toContain('runtime=inline');
    expect(shared).toContain('explain=1');
    // a shared link with code restores code and options
    await typeCode('async function shared() { await 1; console.log("shared"); }\nshared();\n');
    const link = page.url();
    expect(link).toContain('code=');
    await page.goto('about:blank');
    await open('', new URL(link).hash.slice(1));
    expect(await page.evaluate(() => (window as unknown as { __playground: { source(): string } }).__playground.source())).toContain('async function shared()');
    expect(await page.isChecked('#explain')).toBe(true);
    expect(await page.inputValue('#runtime')).toBe('inline');

    await page.click('#theme');
    await page.click('#tab-rewrite');
    const theme = await page.getAttribute('html', 'data-theme');
    await shot(`theme-${theme}`);
    await page.click('#theme');
    await page.setViewportSize({ width: 420, height: 900 });
    await open('', 'preset=timeline');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('narrow');
    // keyboard: arrows move between tabs
    await page.focus('#tab-rewrite');
    await page.keyboard.press('ArrowRight');
    expect(await page.getAttribute('#tab-diff', 'aria-selected')).toBe('true');
    await page.setViewportSize({ width: 1400, height: 900 });
  }, 60000);
});
