/*
 * main: the playground page. Holds the editor and the views (rewrite, diff, timeline, step
 * through), sends the code to the compile worker, runs the four programs of a trace each in a
 * fresh run worker with a time limit, and shows the verdict of comparing the runs
 * (src/trace/traceResult's finishTrace) in the badge.
 * Must never: run the user's code on the page, or decide the badge by anything but comparing
 * the runs.
 */
import { EditorView, basicSetup } from 'codemirror';
import { javascript } from '@codemirror/lang-javascript';
import { oneDark } from '@codemirror/theme-one-dark';
import { Compartment, EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, type DecorationSet } from '@codemirror/view';
import { setDiagnostics } from '@codemirror/lint';
import presets from 'playground:presets';
import { finishTrace, type Timeline, type TimelineEvent, type TraceResult } from '../../src/trace/traceResult';
import { firstLogDifference, type ProgramRun } from '../../src/trace/programLog';
import { eventText, firstDifference, renderTrace, ticksWithinMacrotask } from '../../src/cli/traceView';
import type { CompileOk, CompileRequest, CompileResult, MachineStep, RunRequest, RunResult } from './protocol';

interface Preset {
  id: string;
  title: string;
  section: string;
  notice: string;
  code: string;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);
/** test switch (like the CLI's ASYNC_DESUGAR_TEST_INJECT_TICK): one extra tick on the rewritten side */
const injectExtraTick = params.get('testInjectTick') === '1';
const timeLimitMs = Number(params.get('limit')) > 0 ? Number(params.get('limit')) : 3000;
$('limit').textContent = `${timeLimitMs / 1000} s`;
if (injectExtraTick) {
  const note = $('testMode');
  note.hidden = false;
  note.textContent = 'Test switch on (?testInjectTick=1): the rewritten side gets one extra microtask at the start of each async function, so the runs must differ.';
}

// ---------------------------------------------------------------- themes
const themeSlot = new Compartment();
function prefersDark(): boolean {
  const stored = localStorage.getItem('playground-theme');
  if (stored) return stored === 'dark';
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}
let dark = params.get('theme') ? params.get('theme') === 'dark' : prefersDark();
function themeExtension(): Extension {
  return dark ? oneDark : [];
}

// ---------------------------------------------------------------- line highlights
const setLines = StateEffect.define<{ cls: string; lines: number[] }>();
function lineHighlighter(): StateField<DecorationSet> {
  return StateField.define<DecorationSet>({
    create: () => Decoration.none,
    update(value, transaction) {
      value = value.map(transaction.changes);
      for (const effect of transaction.effects) {
        if (!effect.is(setLines)) continue;
        const { cls, lines } = effect.value;
        const doc = transaction.state.doc;
        const kept: Array<{ from: number; value: Decoration }> = [];
        const cursor = value.iter();
        while (cursor.value) {
          if ((cursor.value.spec as { class?: string }).class !== cls) kept.push({ from: cursor.from, value: cursor.value });
          cursor.next();
        }
        const added = [...new Set(lines)]
          .filter((line) => line >= 1 && line <= doc.lines)
          .map((line) => ({ from: doc.line(line).from, value: Decoration.line({ class: cls }) }));
        const all = [...kept, ...added].sort((a, b) => a.from - b.from);
        value = Decoration.set(all.map((entry) => entry.value.range(entry.from)), true);
      }
      return value;
    },
    provide: (field) => EditorView.decorations.from(field),
  });
}
function highlight(view: EditorView, cls: string, lines: number[], scroll = false): void {
  view.dispatch({ effects: [setLines.of({ cls, lines })] });
  const first = lines.filter((line) => line >= 1 && line <= view.state.doc.lines).sort((a, b) => a - b)[0];
  if (!scroll || first === undefined) return;
  // scroll the editor only, never the page (stepping must not move the page under the reader)
  view.requestMeasure({
    read: () => view.lineBlockAt(view.state.doc.line(first).from).top,
    write: (top) => {
      const scroller = view.scrollDOM;
      if (top < scroller.scrollTop + 20 || top > scroller.scrollTop + scroller.clientHeight - 40) scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 2);
    },
  });
}

// ---------------------------------------------------------------- editors
const initial = readUrl();
let currentPreset: Preset | undefined = presets.find((p: Preset) => p.id === initial.preset) ?? (initial.code === undefined ? presets[0] : undefined);

const editor = new EditorView({
  parent: $('editor'),
  state: EditorState.create({
    doc: initial.code ?? currentPreset?.code ?? '',
    extensions: [
      basicSetup,
      javascript(),
      themeSlot.of(themeExtension()),
      lineHighlighter(),
      EditorView.updateListener.of((update) => {
        // keyboard too: the cursor's line is linked like a hovered one
        if (update.selectionSet && !update.docChanged && compiled) {
          const line = update.state.doc.lineAt(update.state.selection.main.head).number;
          highlight(rewriteView, 'pg-linked', srcToOut.get(line) ?? []);
        }
        if (update.docChanged) {
          currentPreset = undefined;
          ($('preset') as HTMLSelectElement).value = '';
          showNotice();
          scheduleCompile();
        }
      }),
      EditorView.domEventHandlers({
        mousemove: (event, view) => linkFromSource(view, event),
        click: (event, view) => linkFromSource(view, event, true),
      }),
      EditorView.contentAttributes.of({ 'aria-label': 'Original code editor' }),
    ],
  }),
});

const readOnlyThemes: Compartment[] = [];
function readOnlyView(parent: HTMLElement, label: string, handlers: Parameters<typeof EditorView.domEventHandlers>[0] = {}): EditorView {
  const slot = new Compartment();
  readOnlyThemes.push(slot);
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [
        basicSetup,
        javascript(),
        EditorState.readOnly.of(true),
        slot.of(themeExtension()),
        lineHighlighter(),
        EditorView.domEventHandlers(handlers),
        EditorView.contentAttributes.of({ 'aria-label': label }),
      ],
    }),
  });
}
const rewriteView = readOnlyView($('rewrite'), 'Rewritten code', {
  mousemove: (event, view) => linkFromRewrite(view, event),
  click: (event, view) => linkFromRewrite(view, event, true),
  keyup: (_event, view) => {
    if (!compiled) return;
    const line = view.state.doc.lineAt(view.state.selection.main.head).number;
    highlight(view, 'pg-linked', [line]);
    highlight(editor, 'pg-linked', compiled.outToSrc[line - 1] ?? [], true);
  },
});
const stepView = readOnlyView($('stepRewrite'), 'Rewritten code at this step');
function setDoc(view: EditorView, text: string): void {
  if (view.state.doc.toString() !== text) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

/** What the page shows, for tests and the curious (window.__playground): data only, read-only use. */
const inspection: { trace?: TraceResult; runs?: unknown; rewrite: () => string; source: () => string } = {
  rewrite: () => rewriteView.state.doc.toString(),
  source: () => editor.state.doc.toString(),
};
(window as unknown as { __playground: typeof inspection }).__playground = inspection;

// ---------------------------------------------------------------- line links (source maps)
let compiled: CompileOk | undefined;
let srcToOut = new Map<number, number[]>();
function lineAt(view: EditorView, event: MouseEvent): number | undefined {
  const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
  return pos === null ? undefined : view.state.doc.lineAt(pos).number;
}
function linkFromSource(view: EditorView, event: MouseEvent, scroll = false): void {
  const line = lineAt(view, event);
  if (line === undefined || !compiled) return;
  highlight(view, 'pg-linked', [line]);
  highlight(rewriteView, 'pg-linked', srcToOut.get(line) ?? [], scroll);
}
function linkFromRewrite(view: EditorView, event: MouseEvent, scroll = false): void {
  const line = lineAt(view, event);
  if (line === undefined || !compiled) return;
  highlight(view, 'pg-linked', [line]);
  highlight(editor, 'pg-linked', compiled.outToSrc[line - 1] ?? [], scroll);
}

// ---------------------------------------------------------------- compile worker
let compileWorker: Worker | undefined;
let compileId = 0;
let compileTimer: number | undefined;
let compileWatchdog: number | undefined;
function scheduleCompile(): void {
  window.clearTimeout(compileTimer);
  compileTimer = window.setTimeout(compile, 400);
}
function compile(): void {
  window.clearTimeout(compileTimer);
  stopRuns('');
  if (!compileWorker) {
    compileWorker = new Worker('compile.js');
    compileWorker.onmessage = (message: MessageEvent<CompileResult>) => onCompiled(message.data);
  }
  const request: CompileRequest = {
    id: ++compileId,
    code: editor.state.doc.toString(),
    runtime: ($('runtime') as HTMLSelectElement).value as 'import' | 'inline',
    explain: ($('explain') as HTMLInputElement).checked,
    injectExtraTick,
  };
  writeUrl();
  setBadge('busy', 'rewriting…');
  window.clearTimeout(compileWatchdog);
  compileWatchdog = window.setTimeout(() => {
    compileWorker?.terminate();
    compileWorker = undefined;
    setBadge('error', `rewriting took longer than ${timeLimitMs / 1000} s and was stopped`);
  }, Math.max(timeLimitMs, 10000));
  compileWorker.postMessage(request);
}

function onCompiled(result: CompileResult): void {
  if (result.id !== compileId) return;
  window.clearTimeout(compileWatchdog);
  const error = $('error');
  if (!result.ok) {
    const where = result.line !== undefined ? ` at line ${result.line}${result.column !== undefined ? `, column ${result.column}` : ''}` : '';
    const title = result.kind === 'syntax' ? `Syntax error${where}` : result.kind === 'plugin' ? `The plugin rejected this code${where}` : 'Internal error';
    error.hidden = false;
    error.textContent = `${title}:\n${result.message}`;
    error.dataset.kind = result.kind;
    if (result.line !== undefined) {
      const line = editor.state.doc.line(Math.min(Math.max(1, result.line), editor.state.doc.lines));
      const from = Math.min(line.from + Math.max(0, (result.column ?? 1) - 1), line.to);
      editor.dispatch(setDiagnostics(editor.state, [{ from, to: Math.max(from, line.to), severity: 'error', message: result.message.split('\n')[0] }]));
      highlight(editor, 'pg-error', [result.line]);
    }
    setBadge('error', title);
    // nothing stale: the views say why they are empty
    compiled = undefined;
    trace = undefined;
    const empty = `// no rewrite: ${title.toLowerCase()} (see below the editor)`;
    setDoc(rewriteView, empty);
    setDoc(stepView, empty);
    $('diff').replaceChildren(el('p', 'muted', `No diff: ${title.toLowerCase()}.`));
    $('lanes').replaceChildren(el('p', 'muted', `No runs: ${title.toLowerCase()}.`));
    $('table').textContent = '';
    $('stepEvent').textContent = '';
    $('machine').replaceChildren();
    $('console').textContent = '';
    return;
  }
  error.hidden = true;
  error.textContent = '';
  editor.dispatch(setDiagnostics(editor.state, []));
  highlight(editor, 'pg-error', []);
  compiled = result;
  srcToOut = new Map();
  result.outToSrc.forEach((sources, index) => {
    for (const line of sources) srcToOut.set(line, [...(srcToOut.get(line) ?? []), index + 1]);
  });
  setDoc(rewriteView, result.rewrite);
  setDoc(stepView, result.rewrite);
  if (performance.getEntriesByName('playground:rewrite-shown').length === 0) performance.mark('playground:rewrite-shown');
  $('runtimeSource').textContent = result.runtimeSource;
  renderDiff(result);
  startRuns(result);
}

// ---------------------------------------------------------------- runs
let runWorkers: Worker[] = [];
let runTimer: number | undefined;
function runOne(code: string, watchMachines: boolean): Promise<RunResult> {
  return new Promise((resolve) => {
    const worker = new Worker('run.js');
    runWorkers.push(worker);
    const nonce = crypto.getRandomValues(new Uint32Array(4)).join('-');
    worker.onmessage = (message: MessageEvent<RunResult>) => {
      if (!message.data || message.data.nonce !== nonce) return; // posted by the program, not the harness
      worker.terminate();
      resolve(message.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      resolve({ kind: 'done', events: [], steps: [], failure: `the worker failed: ${event.message}` });
    };
    const request: RunRequest = { code, filename: 'program.js', watchMachines, nonce };
    worker.postMessage(request);
  });
}
function stopRuns(reason: string): void {
  window.clearTimeout(runTimer);
  for (const worker of runWorkers) worker.terminate();
  const wasRunning = runWorkers.length > 0;
  runWorkers = [];
  ($('stop') as HTMLButtonElement).disabled = true;
  if (wasRunning && reason) {
    runGeneration++;
    trace = undefined;
    $('lanes').replaceChildren(el('p', 'muted', `No timeline: ${reason}`));
    $('table').textContent = '';
    $('stepEvent').textContent = 'No events: the runs were stopped.';
    $('machine').replaceChildren();
    $('console').textContent = '';
    setBadge('error', reason);
  }
}
let runGeneration = 0;
let trace: TraceResult | undefined;
let machineSteps: MachineStep[] = [];
async function startRuns(result: CompileOk): Promise<void> {
  const generation = ++runGeneration;
  ($('stop') as HTMLButtonElement).disabled = false;
  setBadge('busy', 'running native and rewritten…');
  runTimer = window.setTimeout(
    () => stopRuns(`stopped by the ${timeLimitMs / 1000} s time limit: an infinite loop or an endless chain of microtasks? (the page itself never ran your code)`),
    timeLimitMs,
  );
  const p = result.programs;
  const [nativeObserved, rewrittenObserved, nativePlain, rewrittenPlain] = await Promise.all([
    runOne(p.nativeObserved, false),
    runOne(p.rewrittenObserved, true),
    runOne(p.nativePlain, false),
    runOne(p.rewrittenPlain, false),
  ]);
  if (generation !== runGeneration) return;
  window.clearTimeout(runTimer);
  runWorkers = [];
  ($('stop') as HTMLButtonElement).disabled = true;
  const asRun = (run: RunResult): ProgramRun => ({ events: run.events, failure: run.failure, stderr: '' });
  const runs = { nativeObserved: asRun(nativeObserved), rewrittenObserved: asRun(rewrittenObserved), nativePlain: asRun(nativePlain), rewrittenPlain: asRun(rewrittenPlain) };
  trace = finishTrace(p, runs);
  machineSteps = rewrittenObserved.steps;
  inspection.trace = trace;
  inspection.runs = runs;
  showVerdict(trace, runs.nativePlain, runs.rewrittenPlain);
  if (performance.getEntriesByName('playground:verdict').length === 0) performance.mark('playground:verdict');
  renderTimeline();
  setupStepper();
}

function short(event: TimelineEvent | undefined): string {
  return event ? `tick ${event.tick}, ${eventText(event)}` : 'no event';
}
function showVerdict(result: TraceResult, nativePlain: ProgramRun, rewrittenPlain: ProgramRun): void {
  const failed = result.native.failure ?? result.rewritten.failure;
  if (failed) {
    setBadge('error', `a run failed: ${failed}`);
    return;
  }
  if (result.match) {
    setBadge('same', `identical: ${result.native.events.length} events, same microtasks`);
    return;
  }
  const at = firstDifference(result.native, result.rewritten);
  if (at >= 0) {
    setBadge('differs', `differs at event ${at + 1} (native: ${short(result.native.events[at])}, rewritten: ${short(result.rewritten.events[at])})`);
    return;
  }
  const plainAt = firstLogDifference(nativePlain, rewrittenPlain);
  const text = (run: ProgramRun) => (run.events[plainAt] ? `tick ${run.events[plainAt].tick}, ${run.events[plainAt].kind} ${run.events[plainAt].text}` : 'no event');
  setBadge('differs', `differs at event ${plainAt + 1} of the unobserved run (native: ${text(nativePlain)}, rewritten: ${text(rewrittenPlain)})`);
}
let verdicts = 0;
function setBadge(state: 'busy' | 'same' | 'differs' | 'error', text: string): void {
  const badge = $('badge');
  // tests wait for the next verdict by this counter
  if (state !== 'busy') badge.dataset.verdict = String(++verdicts);
  badge.dataset.state = state;
  badge.textContent = text;
}

// ---------------------------------------------------------------- diff view
function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}
function renderDiff(result: CompileOk): void {
  const root = $('diff');
  root.replaceChildren();
  if (result.pairs.length === 0) root.append(el('p', 'muted', 'No async function in this code: nothing is rewritten.'));
  for (const pair of result.pairs) {
    const span = pair.startLine === pair.endLine ? `line ${pair.startLine}` : `lines ${pair.startLine}-${pair.endLine}`;
    root.append(el('div', 'diff-head', `async ${pair.name} (${span})`));
    const table = el('table', 'diff');
    const dedent = (texts: string[]) => {
      const indents = texts.filter((t) => t.trim()).map((t) => /^[ \t]*/.exec(t)![0].length);
      const common = indents.length ? Math.min(...indents) : 0;
      return (t: string) => t.slice(common);
    };
    const leftCut = dedent(pair.rows.flatMap((r) => (r.left ? [r.left.text] : [])));
    const rightCut = dedent(pair.rows.flatMap((r) => (r.right ? [r.right.text] : [])));
    for (const row of pair.rows) {
      const tr = el('tr', row.same ? 'same' : row.left && row.right ? 'changed' : row.left ? 'removed' : 'added');
      if (row.right && /^\s*(case\s+[^:]+|default)\s*:/.test(row.right.text)) tr.classList.add('case');
      tr.append(el('td', 'num', row.left ? String(row.left.line) : ''), el('td', 'code left', row.left ? leftCut(row.left.text) : ''));
      tr.append(el('td', 'mark', row.same ? '' : row.left && row.right ? '|' : row.left ? '<' : '>'), el('td', 'code right', row.right ? rightCut(row.right.text) : ''));
      if (row.left) tr.dataset.line = String(row.left.line);
      tr.addEventListener('mouseenter', () => row.left && highlight(editor, 'pg-linked', [row.left.line]));
      table.append(tr);
    }
    root.append(table);
  }
}

// ---------------------------------------------------------------- timeline view
const SVG = 'http://www.w3.org/2000/svg';
function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}
function laneOf(event: TimelineEvent): string {
  if (event.fn && event.call) return `${event.fn}() #${event.call}`;
  if (event.fn) return `${event.fn}()`;
  if (event.kind === 'log') return 'console';
  return 'script / timers';
}
function renderTimeline(): void {
  if (!trace) return;
  const side = ($('laneSide') as HTMLSelectElement).value === 'rewritten' ? trace.rewritten : trace.native;
  renderLanes(side);
  const plain = { bold: id, dim: id, red: id, green: id, yellow: id, cyan: id, magenta: id, blue: id } as unknown as Parameters<typeof renderTrace>[1];
  $('table').textContent = renderTrace(trace, plain, 120);
}
function id(text: string): string {
  return text;
}
function renderLanes(timeline: Timeline): void {
  const root = $('lanes');
  root.replaceChildren();
  const events = timeline.events;
  const ticks = ticksWithinMacrotask(timeline);
  const lanes: string[] = [];
  for (const event of events) if (!lanes.includes(laneOf(event))) lanes.push(laneOf(event));
  const fixed = ['script / timers', 'console'];
  lanes.sort((a, b) => (fixed.includes(a) ? fixed.indexOf(a) - 10 : 0) - (fixed.includes(b) ? fixed.indexOf(b) - 10 : 0));
  const left = 150;
  const step = 30;
  const laneHeight = 40;
  const width = left + events.length * step + 20;
  const height = lanes.length * laneHeight + 30;
  const chart = svg('svg', { width, height, role: 'img', 'aria-label': `swimlanes of ${events.length} events in ${lanes.length} lanes`, class: 'lanes-svg' });
  const defs = svg('defs', {});
  const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' });
  marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }));
  defs.append(marker);
  chart.append(defs);
  lanes.forEach((lane, index) => {
    const y = 20 + index * laneHeight;
    chart.append(svg('rect', { x: 0, y, width, height: laneHeight - 4, class: index % 2 ? 'lane odd' : 'lane' }));
    chart.append(svg('text', { x: 6, y: y + laneHeight / 2 + 2, class: 'lane-name' }, lane.length > 20 ? lane.slice(0, 19) + '…' : lane));
  });
  const centre = (i: number) => ({ x: left + i * step + step / 2, y: 20 + lanes.indexOf(laneOf(events[i])) * laneHeight + (laneHeight - 4) / 2 });
  // suspend -> resume arrows, within a lane
  const open = new Map<string, number>();
  events.forEach((event, i) => {
    const lane = laneOf(event);
    if (event.kind === 'suspend') open.set(lane, i);
    if (event.kind === 'resume' && open.has(lane)) {
      const from = centre(open.get(lane)!);
      const to = centre(i);
      open.delete(lane);
      const lift = Math.min(16, 6 + (to.x - from.x) / 20);
      chart.append(svg('path', { d: `M ${from.x + 5} ${from.y - 6} C ${from.x + 15} ${from.y - 6 - lift}, ${to.x - 15} ${to.y - 6 - lift}, ${to.x - 5} ${to.y - 6}`, class: 'resume-arrow', 'marker-end': 'url(#arrow)' }));
    }
  });
  events.forEach((event, i) => {
    const { x, y } = centre(i);
    const group = svg('g', { class: `event ${event.kind}`, 'data-index': i });
    group.append(svg('title', {}, `event ${i + 1}: tick ${ticks[i]}, ${event.time} ms: ${eventText(event)}`));
    group.append(svg('circle', { cx: x, cy: y, r: 7 }));
    group.append(svg('text', { x, y: y + 17, class: 'tick' }, String(ticks[i])));
    group.addEventListener('click', () => {
      selectTab('step');
      goToStep(i);
    });
    chart.append(group);
  });
  chart.append(svg('text', { x: 6, y: 12, class: 'lane-name' }, 'lane'));
  chart.append(svg('text', { x: left, y: 12, class: 'lane-name' }, 'events left to right; number = microtask tick since the script or timer callback began; arrow = suspend → resume'));
  const legend = el('div', 'legend');
  for (const kind of ['call', 'suspend', 'resume', 'settle', 'log', 'catch', 'timer-set', 'timer-fire', 'script']) {
    const item = el('span', `legend-item ${kind}`, kind);
    legend.append(item);
  }
  root.append(chart, legend);
}

// ---------------------------------------------------------------- step through
let stepIndex = 0;
function setupStepper(): void {
  if (!trace) return;
  const slider = $('slider') as HTMLInputElement;
  slider.max = String(Math.max(0, trace.rewritten.events.length - 1));
  goToStep(Math.min(stepIndex, trace.rewritten.events.length - 1));
}
/** The innermost machine step running at event `index`, by begin/end of each step. */
function stepAt(index: number): MachineStep | undefined {
  let found: MachineStep | undefined;
  for (const step of machineSteps) if (step.event <= index && (step.end === undefined || step.end > index)) found = step;
  return found;
}
/** The switch of the machine that an event's source line belongs to, and the case to show. */
function caseLineFor(event: TimelineEvent, step: MachineStep | undefined): { caseLine?: number; label?: number } {
  if (!compiled || event.line === undefined) return {};
  const outLines = srcToOut.get(event.line) ?? [];
  const switches = compiled.switches
    .filter((s) => outLines.some((line) => line >= s.startLine && line <= s.endLine))
    .sort((a, b) => a.endLine - a.startLine - (b.endLine - b.startLine));
  // a resumption is in the machine that has the case it resumes at (the line's code may also
  // stand in the entry segment the function runs itself, which holds case 0 only)
  // (an await of the entry segment maps to no line of the step: its machine's switch is then
  // the nearest one that has the case, the step being declared just before the entry)
  if (event.kind === 'resume' && step) {
    const distance = (s: { startLine: number; endLine: number }) => Math.min(...outLines.map((line) => (line < s.startLine ? s.startLine - line : line > s.endLine ? line - s.endLine : 0)));
    const candidates = [...switches, ...compiled.switches.filter((s) => !switches.includes(s)).sort((a, b) => distance(a) - distance(b))];
    for (const candidate of candidates) {
      const target = candidate.cases.find((c) => c.label === step.label);
      if (target) return { caseLine: target.line, label: target.label };
    }
  }
  const machine = switches[0];
  if (!machine) return {};
  const inside = outLines.filter((line) => line >= machine.startLine && line <= machine.endLine).sort((a, b) => a - b)[0];
  const current = machine.cases.filter((c) => c.line <= inside).pop();
  return current ? { caseLine: current.line, label: current.label } : {};
}
function describeRegion(region: MachineStep['regions'][number]): string {
  if ('loop' in region) return 'for-of loop: leaving it closes the iterator';
  if (region.phase === 'finally') {
    const after = region.pending === 'return' ? 'then the pending return completes' : region.pending === 'throw' ? 'then the pending error is thrown again' : 'then execution goes on after the try';
    return `running the finally (case ${region.finallyLabel}); ${after}`;
  }
  if (region.phase === 'catch') return `in the catch (case ${region.catchLabel}); ${region.finallyLabel >= 0 ? `finally at case ${region.finallyLabel}` : 'no finally'}`;
  const where = region.catchLabel >= 0 ? `a throw in here goes to case ${region.catchLabel}` : 'no catch';
  const fin = region.finallyLabel >= 0 ? `finally at case ${region.finallyLabel}` : 'no finally';
  return `${where}; ${fin}`;
}
function goToStep(index: number): void {
  if (!trace || trace.rewritten.events.length === 0) return;
  const events = trace.rewritten.events;
  stepIndex = Math.max(0, Math.min(index, events.length - 1));
  ($('slider') as HTMLInputElement).value = String(stepIndex);
  $('stepPos').textContent = `event ${stepIndex + 1} of ${events.length}`;
  const event = events[stepIndex];
  const nativeEvent = trace.native.events[stepIndex];
  const ticks = ticksWithinMacrotask(trace.rewritten);
  const agree = nativeEvent && nativeEvent.tick === event.tick && nativeEvent.kind === event.kind && nativeEvent.text === event.text;
  $('stepEvent').textContent = `tick ${ticks[stepIndex]}, ${event.time} ms: ${eventText(event)}${agree ? '  (native: the same)' : `  (native: ${short(nativeEvent)})`}`;
  // the source line: this event's, else the last one an earlier event had
  let sourceLine: number | undefined;
  for (let i = stepIndex; i >= 0 && sourceLine === undefined; i--) sourceLine = events[i].line;
  highlight(editor, 'pg-current', sourceLine ? [sourceLine] : [], true);
  const step = stepAt(stepIndex);
  const { caseLine, label } = caseLineFor(event, step);
  highlight(stepView, 'pg-current', caseLine ? [caseLine] : [], true);
  highlight(rewriteView, 'pg-current', caseLine ? [caseLine] : []);
  const machine = $('machine');
  machine.replaceChildren();
  const item = (term: string, value: string) => machine.append(el('dt', '', term), el('dd', '', value));
  item('current case', label !== undefined ? `case ${label}` : '(not inside a state machine)');
  if (step) {
    item('label at step start', String(step.label));
    item('value sent in', event.kind === 'resume' && event.sent !== undefined ? event.sent : step.sent);
    if (step.caught !== undefined) item('caught', step.caught);
    item('open try regions', step.regions.length ? step.regions.map(describeRegion).join(' / ') : 'none');
  } else if (event.sent !== undefined) {
    item('value sent in', event.sent);
  }
  if (compiled?.programs && ($('runtime') as HTMLSelectElement).value === 'inline' && !step) item('note', 'machine states are read with runtime: import');
  const logs = events.slice(0, stepIndex + 1).filter((e) => e.kind === 'log' || e.kind === 'uncaughtException' || e.kind === 'unhandledRejection');
  $('console').textContent = logs.map((e) => (e.kind === 'log' ? e.text : `${e.kind}: ${e.text}`)).join('\n');
}
$('prev').addEventListener('click', () => goToStep(stepIndex - 1));
$('next').addEventListener('click', () => goToStep(stepIndex + 1));
$('slider').addEventListener('input', () => goToStep(Number(($('slider') as HTMLInputElement).value)));
$('view-step').addEventListener('keydown', (event) => {
  if (event.target instanceof HTMLInputElement) return;
  if (event.key === 'ArrowRight' || event.key === 'n') goToStep(stepIndex + 1);
  if (event.key === 'ArrowLeft' || event.key === 'p') goToStep(stepIndex - 1);
});

// ---------------------------------------------------------------- tabs
const tabNames = ['rewrite', 'diff', 'timeline', 'step', 'runtime'];
function selectTab(name: string): void {
  for (const tab of tabNames) {
    const button = $(`tab-${tab}`);
    const selected = tab === name;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    $(`view-${tab}`).hidden = !selected;
  }
  if (name === 'step') stepView.requestMeasure();
  if (name === 'rewrite') rewriteView.requestMeasure();
}
for (const tab of tabNames) $(`tab-${tab}`).addEventListener('click', () => selectTab(tab));
$('tabs').addEventListener('keydown', (event) => {
  const visible = tabNames.filter((tab) => !$(`tab-${tab}`).hidden);
  const current = visible.findIndex((tab) => $(`tab-${tab}`).getAttribute('aria-selected') === 'true');
  let next = -1;
  if (event.key === 'ArrowRight') next = (current + 1) % visible.length;
  if (event.key === 'ArrowLeft') next = (current - 1 + visible.length) % visible.length;
  if (next >= 0) {
    selectTab(visible[next]);
    $(`tab-${visible[next]}`).focus();
    event.preventDefault();
  }
});
$('laneSide').addEventListener('change', renderTimeline);

// ---------------------------------------------------------------- options, presets, URL
function showNotice(): void {
  $('notice').textContent = currentPreset ? `What to notice (tutorial section ${currentPreset.section}): ${currentPreset.notice}` : '';
}
const presetSelect = $('preset') as HTMLSelectElement;
presetSelect.append(new Option('(your code)', ''));
for (const preset of presets as Preset[]) presetSelect.append(new Option(preset.title, preset.id));
presetSelect.value = currentPreset?.id ?? '';
presetSelect.addEventListener('change', () => {
  const preset = (presets as Preset[]).find((p) => p.id === presetSelect.value);
  if (!preset) return;
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: preset.code } });
  currentPreset = preset;
  presetSelect.value = preset.id;
  showNotice();
  compile();
});
($('runtime') as HTMLSelectElement).value = initial.runtime;
($('explain') as HTMLInputElement).checked = initial.explain;
($('showRuntime') as HTMLInputElement).checked = initial.showRuntime;
$('runtime').addEventListener('change', compile);
$('explain').addEventListener('change', compile);
function applyShowRuntime(): void {
  const show = ($('showRuntime') as HTMLInputElement).checked;
  $('tab-runtime').hidden = !show;
  if (!show && $('tab-runtime').getAttribute('aria-selected') === 'true') selectTab('rewrite');
  writeUrl();
}
$('showRuntime').addEventListener('change', () => {
  applyShowRuntime();
  if (($('showRuntime') as HTMLInputElement).checked) selectTab('runtime');
});
$('run').addEventListener('click', compile);
$('stop').addEventListener('click', () => stopRuns('stopped (Stop button)'));
document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    compile();
  }
});
$('share').addEventListener('click', async () => {
  writeUrl();
  try {
    await navigator.clipboard.writeText(location.href);
    $('share').textContent = 'Link copied';
  } catch {
    $('share').textContent = 'Link is in the address bar';
  }
  window.setTimeout(() => ($('share').textContent = 'Share link'), 2000);
});
function applyTheme(): void {
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  editor.dispatch({ effects: themeSlot.reconfigure(themeExtension()) });
  [rewriteView, stepView].forEach((view, i) => view.dispatch({ effects: readOnlyThemes[i].reconfigure(themeExtension()) }));
}
$('theme').addEventListener('click', () => {
  dark = !dark;
  localStorage.setItem('playground-theme', dark ? 'dark' : 'light');
  applyTheme();
});

function encode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function decodeText(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
function readUrl(): { code?: string; preset?: string; runtime: 'import' | 'inline'; explain: boolean; showRuntime: boolean } {
  const hash = new URLSearchParams(location.hash.slice(1));
  let code: string | undefined;
  try {
    code = hash.get('code') !== null ? decodeText(hash.get('code')!) : undefined;
  } catch {
    code = undefined;
  }
  return {
    code,
    preset: hash.get('preset') ?? undefined,
    runtime: hash.get('runtime') === 'inline' ? 'inline' : 'import',
    explain: hash.get('explain') === '1',
    showRuntime: hash.get('showRuntime') === '1',
  };
}
function writeUrl(): void {
  const hash = new URLSearchParams();
  if (currentPreset) hash.set('preset', currentPreset.id);
  else hash.set('code', encode(editor.state.doc.toString()));
  hash.set('runtime', ($('runtime') as HTMLSelectElement).value);
  if (($('explain') as HTMLInputElement).checked) hash.set('explain', '1');
  if (($('showRuntime') as HTMLInputElement).checked) hash.set('showRuntime', '1');
  history.replaceState(null, '', `#${hash.toString()}`);
}

applyTheme();
applyShowRuntime();
showNotice();
performance.mark('playground:editor-shown');
compile();
