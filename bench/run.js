#!/usr/bin/env node
/*
 * bench/run.js — `npm run bench`: compares babel-plugin-async-state-machine (built, lib/index.js;
 * runtime src/runtime/asyncMachine.js) with the regenerator pipeline, TypeScript (ES5),
 * transform-async-to-promises and Babel's identity transform: correctness first (every output
 * must return what native returns, or exit 1), then transform speed, output size, runtime speed,
 * memory and a CPU profile of our await loop; prints markdown and writes bench/RESULTS.md.
 * Must never: time anything before verification passed, or report a target as met that was not.
 *
 * Flags: --quick   fewer modules, rounds and iterations (smoke run; writes bench/.work/RESULTS.quick.md)
 *        --no-ours run the peers only (e.g. while the plugin does not build)
 *        --keep-going  development aid: continue after a verification failure, mark every figure
 *                  UNVERIFIED, write bench/.work/RESULTS.unverified.md and still exit 1
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execSync } = require('child_process');
const { BENCH_DIR, WORK_DIR, ROOT, ensureDir, markdownTable, countLines, byteSize, runJsonChild, formatMB, formatMs, formatRatio, mapLimit, median } = require('./modules/util');
const { createTransformers, REGENERATOR_PIPELINE, OUR_PLUGIN_PATH } = require('./modules/transformers');
const { loadCorpus, transformAll } = require('./modules/corpus');
const { verifyAll } = require('./modules/verify');
const { measureTransformSpeed } = require('./modules/transformSpeed');
const { measureOutputSizes } = require('./modules/outputSize');
const { measureRuntimeSpeed, measureAwaitLoopHeap } = require('./modules/runtimeSpeed');
const { profileAwaitLoop, profileTransform } = require('./modules/profile');
const { RUNTIME_CASES } = require('./modules/runtimeCases');

const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const WITH_OURS = !args.has('--no-ours');
const KEEP_GOING = args.has('--keep-going');
let unverified = null;
const SETTINGS = QUICK
  ? { transformWarmup: 1, transformRounds: 3, runtimeRounds: 2, runtimeReps: 2 }
  : { transformWarmup: 1, transformRounds: 5, runtimeRounds: 9, runtimeReps: 3 };

const report = [];
function section(title, ...blocks) {
  const text = [`## ${title}`, '', ...blocks.flatMap((block) => [block, ''])].join('\n');
  report.push(text);
  console.log('\n' + text);
}
const progress = (message) => process.stderr.write(message + '\n');

function packageVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

function gitDescription() {
  try {
    const head = execSync('git rev-parse --short HEAD', { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execSync('git status --porcelain', { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() ? ' (with uncommitted changes)' : '';
    return head + dirty;
  } catch {
    return 'no commit yet (working tree)';
  }
}

function fail(message, problems) {
  if (KEEP_GOING) {
    unverified = unverified || [];
    unverified.push(message, ...problems);
    console.error(`\n!!! ${message} — continuing because of --keep-going; figures are UNVERIFIED`);
    for (const problem of problems) console.error('- ' + problem.split('\n').slice(0, 3).join('\n  '));
    return;
  }
  console.error('\n' + '='.repeat(78));
  console.error(`BENCH FAILED: ${message}`);
  for (const problem of problems) console.error('\n- ' + problem);
  console.error('='.repeat(78));
  process.exit(1);
}

async function main() {
  const started = Date.now();
  ensureDir(WORK_DIR);
  const { transformers, oursError } = createTransformers({ ours: WITH_OURS });
  const ours = transformers.find((transformer) => transformer.id === 'ours');
  const peers = transformers.filter((transformer) => transformer.lowersAsync && transformer.id !== 'ours');
  if (!ours) {
    console.error(`\n!!! our plugin is NOT part of this run: ${oursError}\n!!! (expected a built plugin at ${OUR_PLUGIN_PATH}; run \`npm run build\`)\n`);
  }

  // ---- environment
  const cpus = os.cpus();
  const environment = [
    `- Date: ${new Date().toISOString()}`,
    `- Node ${process.version} (V8 ${process.versions.v8}) on ${os.platform()} ${os.release()} ${os.arch()}`,
    `- CPU: ${cpus[0] ? cpus[0].model : '?'} × ${cpus.length}, ${formatMB(os.totalmem())} RAM`,
    `- Checkout: ${gitDescription()}`,
    `- Load average at start: ${os.loadavg().map((load) => load.toFixed(1)).join(', ')} (1, 5, 15 min)${os.loadavg()[0] > cpus.length ? ' — **the machine was busy: wall-clock figures are unreliable; CPU-time figures are compared**' : ''}`,
    `- Mode: ${QUICK ? '**--quick smoke run** (small corpus, few rounds: not for quoting)' : 'full'}; transform: ${SETTINGS.transformWarmup} warm-up + ${SETTINGS.transformRounds} rounds; runtime: ${SETTINGS.runtimeRounds} rounds × ${SETTINGS.runtimeReps} timed runs per child after 2 warm-up runs`,
    `- Contenders: ours = \`lib/index.js\` with \`runtime: "import"\` (the require of \`async-state-machine-runtime\` is mapped to \`src/runtime/asyncMachine.js\`; \`runtime: "inline"\` is verified and sized too); ` +
      `regenerator pipeline = ${REGENERATOR_PIPELINE.map((name) => `\`${name.replace('@babel/plugin-transform-', '')}\``).join(' + ')} (@babel/core ${packageVersion('@babel/core')}; regenerator cannot run without the last five, preset-env always adds them); ` +
      `TypeScript ${packageVersion('typescript')} \`transpileModule\` (target ES5, module CommonJS, downlevelIteration, helpers inline); ` +
      `babel-plugin-transform-async-to-promises ${packageVersion('babel-plugin-transform-async-to-promises')} (defaults, helpers inline); Babel with no plugin = parse + generate.`,
  ];
  section('Environment', environment.join('\n'));

  // ---- corpus
  const corpus = loadCorpus({ quick: QUICK });
  const corpusRows = [
    [`generated (seed ${corpus.seed}): ${corpus.generatedFiles.length} modules`, corpus.generatedLines.toLocaleString('en-US'), corpus.generatedFiles.reduce((s, f) => s + byteSize(f.code), 0).toLocaleString('en-US'), 'loops, try/catch/finally, awaits inside expressions, classes (static, super) with async methods, switch/labels, closures, Promise.all'],
    ['generated, as one file', countLines(corpus.oneFile.code).toLocaleString('en-US'), byteSize(corpus.oneFile.code).toLocaleString('en-US'), 'the same modules concatenated; run() returns every module\'s result'],
    ...corpus.realWorld.map((file) => [file.label, countLines(file.code).toLocaleString('en-US'), byteSize(file.code).toLocaleString('en-US'), 'real-world, from node_modules']),
    ...corpus.probes.map((probe) => [`probe: ${probe.label || probe.name}`, countLines(probe.code).toLocaleString('en-US'), byteSize(probe.code).toLocaleString('en-US'), `not timed; known to fail in ${probe.knownFailures.join(', ')}: ${probe.why}`]),
  ];
  section('Corpus', markdownTable(['input', 'lines', 'bytes', 'what'], corpusRows), 'Timed and sized: the generated modules plus the real-world files ("per file"), and the generated corpus as one file. Probes are verified for every contender (ours must pass them all) but not timed, because a listed peer miscompiles them.');

  // ---- verification (fatal)
  progress('transforming every input with every contender…');
  const outputs = transformAll(transformers, corpus);
  const verification = await verifyAll(transformers, corpus, outputs, { log: progress });
  const knownLines = verification.knownFailures.map((known) => `- **${known.variantId}** fails probe \`${known.name}\` (${known.why}): ${known.message.split('\n').slice(0, 3).join(' ').slice(0, 300)}`);
  section(
    'Correctness (checked before anything is timed)',
    'Each variant runs in its own fresh child process; its results must equal the native run\'s, file by file.' +
      (verification.tickCheck ? ` Ours is also compared event by event, microtask tick by microtask tick, through \`src/trace/harnessChild.js\` (each generated module run three times, two concurrently): ${verification.tickCheck.ok ? `identical on all ${verification.tickCheck.modules} modules` : 'DIFFERENT (see below)'}.` : ''),
    verification.table,
    '### ES5',
    verification.es5Table,
    '### Known peer failures (probes)',
    knownLines.join('\n') || 'none',
  );
  if (!verification.ok) fail('an output does not behave like native (nothing was timed)', verification.problems);

  // ---- transform speed
  progress('transform speed…');
  const speed = measureTransformSpeed(transformers, corpus.perFile, { rounds: SETTINGS.transformRounds, warmupRounds: SETTINGS.transformWarmup, log: progress });
  section('Transform speed', `All per-file inputs (${speed.lines.toLocaleString('en-US')} lines), in this process, contenders interleaved (rotating order), gc between contenders; CPU time of this process per pass over the corpus. Babel 7 (@babel/core ${packageVersion('@babel/core')}).`, speed.table);
  let babel8Speed = null;
  if (ours) {
    progress('transform speed on Babel 8 (child process)…');
    try {
      const answer = await runJsonChild(path.join(__dirname, 'modules', 'babel8SpeedChild.js'), {
        pluginPath: OUR_PLUGIN_PATH,
        quick: QUICK,
        rounds: SETTINGS.transformRounds,
        warmupRounds: SETTINGS.transformWarmup,
      }, { timeoutMs: 900000 });
      const median8 = (id) => median(answer.samples[id]);
      if (answer.files !== corpus.perFile.length) throw new Error(`the Babel 8 child transformed ${answer.files} files, not ${corpus.perFile.length}`);
      babel8Speed = { ours: median8('ours'), identity: median8('identity'), version: answer.babelVersion };
      const rows8 = ['ours', 'identity'].map((id) => [
        id === 'ours' ? 'async-state-machine (ours), Babel 8' : 'Babel 8, no plugin (floor)',
        formatMs(median8(id)),
        formatMs(Math.min(...answer.samples[id])),
        formatMs(Math.max(...answer.samples[id])),
        Math.round(speed.lines / (median8(id) / 1000)).toLocaleString('en-US'),
        formatRatio(median8(id) / median8('identity')),
      ]);
      report.push(`### Babel 8 (${answer.babelVersion})\n\nThe same inputs and options, in a child process (Babel 8 is ESM-only), the two contenders interleaved, ${SETTINGS.transformWarmup} warm-up + ${SETTINGS.transformRounds} rounds; CPU time of the child per pass.\n\n${markdownTable(['contender', 'median CPU time', 'min', 'max', 'lines per CPU second', '× Babel 8 identity'], rows8)}\n`);
      console.log('\n' + report[report.length - 1]);
    } catch (error) {
      report.push(`### Babel 8\n\nnot measured: ${String(error.message).split('\n')[0]}\n`);
    }
  }

  // ---- output size
  progress('output size…');
  const sizeVariants = [{ id: 'native', label: 'input', files: new Map(corpus.perFile.map((f) => [f.name, f.code])), oneFile: corpus.oneFile.code, claimsEs5: false }];
  for (const transformer of transformers) {
    sizeVariants.push({ id: transformer.id, label: transformer.label, files: outputs[transformer.id].files, oneFile: outputs[transformer.id].oneFile, claimsEs5: transformer.claimsEs5 });
    if (outputs[transformer.id].inline) sizeVariants.push({ id: transformer.id + '-inline', label: 'ours, runtime inline', files: outputs[transformer.id].inline.files, oneFile: outputs[transformer.id].inline.oneFile, claimsEs5: false });
  }
  const sizes = measureOutputSizes(sizeVariants, corpus);
  section('Output size', 'Bytes / gzip bytes (level 9). Every cell includes the helpers and the runtime file the output needs (per file: repeated in each file, as if shipped alone; one file: once). Nothing is minified.', sizes.table, sizes.runtimeNote);
  if (ours && outputs.typescript) {
    progress('size profile…');
    const { RUNTIME_PIECES } = require(path.join(ROOT, 'lib', 'emission', 'runtimeSources.js'));
    const wholeMinified = fs.readFileSync(path.join(ROOT, 'lib', 'runtime', 'asyncMachine.min.js'), 'utf8');
    const profile = await require('./modules/sizeProfile').sizeProfile(RUNTIME_PIECES, wholeMinified, {
      input: corpus.oneFile.code,
      ours: outputs.ours.oneFile,
      oursInline: outputs.ours.inline.oneFile,
      typescript: outputs.typescript.oneFile,
    });
    section('Size profile: where the bytes go', profile);
  }
  progress('bundled app size…');
  const bundles = require('./modules/bundleSize').measureBundleSizes(sizeVariants.filter((variant) => variant.id !== 'identity'));
  section('Bundled app size', 'Every generated module\'s output as one module of an app, bundled and minified by esbuild (one copy of each runtime or helper library the outputs require), gzip level 9.', bundles.table);

  // ---- runtime speed
  progress('runtime speed (fresh child per variant, case and round)…');
  const runtimeVariants = [{ id: 'native', label: 'native' }, ...transformers.filter((t) => t.lowersAsync).map((t) => ({ id: t.id, label: t.label, transform: t.transform }))];
  // both runtime modes of ours: the shared runtime file, and the pieces pasted into the file
  if (ours) runtimeVariants.splice(2, 0, { id: 'ours-inline', label: 'ours, runtime inline', transform: ours.transformInline });
  const runtime = await measureRuntimeSpeed(runtimeVariants, { rounds: SETTINGS.runtimeRounds, reps: SETTINGS.runtimeReps, quick: QUICK, log: progress });
  if (runtime.problems.length) fail('a runtime case does not return what native returns', runtime.problems);
  section(
    'Runtime speed',
    'CPU time (user + system of the child: the code and its garbage collection) of one run, median over rounds of the median of the timed runs in each child, and × native. Every figure comes from fresh child processes, one per variant, case and round, variants alternating. CPU time is compared because other load on the machine barely moves it; wall-clock figures follow.',
    runtime.table,
    '### Wall-clock time (same runs)',
    runtime.wallTable,
  );

  // ---- memory
  progress('memory…');
  const heap = await measureAwaitLoopHeap(runtimeVariants, { quick: QUICK });
  const memoryRows = await mapLimit(transformers, 1, async (transformer) => {
    try {
      const answer = await runJsonChild(path.join(__dirname, 'modules', 'memoryChild.js'), { id: transformer.id, quick: QUICK }, { timeoutMs: 600000 });
      return [transformer.label, formatMB(answer.startKb * 1024), formatMB(answer.peakKb * 1024), formatMB((answer.peakKb - answer.startKb) * 1024), formatMs(answer.elapsedMs)];
    } catch (error) {
      return [transformer.label, '—', '—', '—', 'failed: ' + String(error.message).split('\n')[0]];
    }
  });
  section(
    'Memory',
    '### Peak RSS while transforming the corpus (fresh child per contender, every per-file input and the one-file corpus once)',
    markdownTable(['contender', 'RSS before (node + corpus)', 'peak RSS', 'growth', 'time (cold, once)'], memoryRows),
    '### Heap after the await loop (fresh child per variant, run with --expose-gc)',
    heap.table,
  );

  // ---- profile
  let profileText = 'not run (our plugin is not part of this run)';
  if (ours) {
    progress('CPU profile of our await loop…');
    try {
      const parts = [];
      for (const caseId of ['awaitPlain', 'awaitResolved', 'fibTree']) {
        const runtimeCase = RUNTIME_CASES.find((candidate) => candidate.id === caseId);
        const oursProfile = await profileAwaitLoop('ours', { quick: QUICK, caseId });
        const nativeProfile = await profileAwaitLoop('native', { quick: QUICK, caseId });
        parts.push(
          `### ${runtimeCase.label}`,
          `\`node --cpu-prof\` of ours (${oursProfile.file}); self time by function, top entries (the minified runtime: names are terser's):`,
          oursProfile.table,
          `Native, for comparison (${nativeProfile.file}):`,
          nativeProfile.table,
        );
      }
      for (const babelMajor of [7, 8]) {
        const transformProfile = await profileTransform(babelMajor, { quick: QUICK });
        parts.push(
          `### Transform of the per-file corpus, Babel ${babelMajor} (three passes)`,
          `\`node --cpu-prof\` (${transformProfile.file}); self time by function:`,
          transformProfile.selfTable,
          'Our plugin\'s functions, time including what they call (Babel\'s traversal and scope code run inside them):',
          transformProfile.inclusiveTable,
        );
      }
      profileText = parts.join('\n\n');
    } catch (error) {
      profileText = 'profile failed: ' + error.message;
    }
  }
  section('Profiles: where the time goes', profileText);

  // ---- targets
  const targetRows = [];
  const check = (name, measured, pass) => targetRows.push([name, measured, pass === null ? 'n/a' : pass ? 'met' : '**MISSED**']);
  if (ours) {
    // the runtime as the build ships it (npm run build:runtime): the core piece alone, and all pieces
    const zlib = require('zlib');
    const gzipBytes = (text) => zlib.gzipSync(text, { level: 9 }).length;
    const { RUNTIME_PIECES } = require(path.join(ROOT, 'lib', 'emission', 'runtimeSources.js'));
    const coreGzip = gzipBytes(RUNTIME_PIECES.find((piece) => piece.name === 'core').minified);
    const allGzip = gzipBytes(fs.readFileSync(path.join(ROOT, 'lib', 'runtime', 'asyncMachine.min.js'), 'utf8'));
    check('runtime core ≤ 1,500 B min+gzip', `${coreGzip.toLocaleString('en-US')} B`, coreGzip <= 1500);
    check('whole runtime ≤ 4,000 B min+gzip (asyncMachine.min.js)', `${allGzip.toLocaleString('en-US')} B`, allGzip <= 4000);
    const t = (id) => speed.medians.get(id);
    check('transform time ≤ 0.3× regenerator pipeline', formatRatio(t('ours') / t('regenerator')), t('ours') <= 0.3 * t('regenerator'));
    check('transform time ≤ 1.5× Babel identity (Babel 7)', formatRatio(t('ours') / t('identity')), t('ours') <= 1.5 * t('identity'));
    if (babel8Speed) check('transform time ≤ 1.5× Babel identity (Babel 8)', formatRatio(babel8Speed.ours / babel8Speed.identity), babel8Speed.ours <= 1.5 * babel8Speed.identity);
    const index = (id) => sizeVariants.findIndex((variant) => variant.id === id);
    const oneGzip = (id) => sizes.oneFile[index(id)].gzip;
    const es5Gzip = (id) => sizes.oneFileEs5[index(id)].gzip;
    check('one-file corpus gzip (with runtime) ≤ 1.4× input gzip', formatRatio(oneGzip('ours') / sizes.input.gzip), oneGzip('ours') <= 1.4 * sizes.input.gzip);
    check(
      'one-file gzip smaller than every ES5 peer (as emitted)',
      peers.map((peer) => `${peer.id} ${formatRatio(oneGzip('ours') / oneGzip(peer.id))}`).join(', '),
      peers.every((peer) => oneGzip('ours') < oneGzip(peer.id)),
    );
    check(
      'one-file gzip smaller than every ES5 peer (all lowered to ES5)',
      peers.map((peer) => `${peer.id} ${formatRatio(es5Gzip('ours') / es5Gzip(peer.id))}`).join(', '),
      peers.every((peer) => es5Gzip('ours') < es5Gzip(peer.id)),
    );
    const perFileGzip = (id) => sizes.totals[index(id)].gzip;
    for (const id of ['ours', 'ours-inline']) {
      if (index(id) < 0 || index('typescript') < 0) continue;
      check(
        `files transformed one by one, sum of gzip, no bigger than TypeScript's${id === 'ours' ? '' : ' (runtime inline)'}`,
        `${perFileGzip(id).toLocaleString('en-US')} vs ${perFileGzip('typescript').toLocaleString('en-US')} B (${formatRatio(perFileGzip(id) / perFileGzip('typescript'))})`,
        perFileGzip(id) <= perFileGzip('typescript'),
      );
    }
    const bundleGzip = (id) => bundles.sizes.get(id).gzip;
    check(
      'bundled minified app (gzip) smaller than every peer\'s',
      peers.map((peer) => `${peer.id} ${formatRatio(bundleGzip('ours') / bundleGzip(peer.id))}`).join(', '),
      peers.every((peer) => bundleGzip('ours') < bundleGzip(peer.id)),
    );
    for (const runtimeCase of RUNTIME_CASES) {
      const ratio = runtime.ratios[runtimeCase.id].ours;
      if (runtimeCase.targetRatio) check(`${runtimeCase.label}: ≤ ${runtimeCase.targetRatio}× native`, formatRatio(ratio), ratio <= runtimeCase.targetRatio);
      const inlineRatio = runtime.ratios[runtimeCase.id]['ours-inline'];
      if (runtimeCase.targetRatio && inlineRatio !== undefined) check(`${runtimeCase.label}, runtime inline: ≤ ${runtimeCase.targetRatio}× native`, formatRatio(inlineRatio), inlineRatio <= runtimeCase.targetRatio);
      if (runtimeCase.issue10Ratio) {
        check(`${runtimeCase.label}: ≤ ${runtimeCase.issue10Ratio}× native (issue 10)`, formatRatio(ratio), ratio <= runtimeCase.issue10Ratio);
        if (inlineRatio !== undefined) check(`${runtimeCase.label}, runtime inline: ≤ ${runtimeCase.issue10Ratio}× native (issue 10)`, formatRatio(inlineRatio), inlineRatio <= runtimeCase.issue10Ratio);
      }
      const medians = runtime.medians[runtimeCase.id];
      check(
        `${runtimeCase.label}: faster than every ES5 peer`,
        peers.map((peer) => `${peer.id} ${formatRatio(medians.ours / medians[peer.id])}`).join(', '),
        peers.every((peer) => medians.ours < medians[peer.id]),
      );
    }
  }
  if (ours && heap.figures.native && heap.figures.ours) {
    for (const [field, label] of [['afterLoop', 'right after the loop'], ['afterGc', 'after a full GC']]) {
      const native = heap.figures.native[field];
      const own = heap.figures.ours[field];
      check(`heap ${label}, 1,000,000 awaits of plain values: within 10% of native`, `${formatMB(own)} vs ${formatMB(native)} (${formatRatio(own / native)})`, own <= 1.1 * native);
    }
  }
  section('Targets', ours ? markdownTable(['target', 'measured (ours ÷ reference)', 'verdict'], targetRows) : 'not evaluated: our plugin is not part of this run.');
  if (ours) section('Why the missed targets are missed', require('./modules/missedTargets').join('\n'));

  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  report.push(`Load average at the end: ${os.loadavg().map((load) => load.toFixed(1)).join(', ')}.`);
  const document = [
    unverified ? '# Benchmarks — UNVERIFIED (outputs did not all match native; --keep-going)' : '# Benchmarks',
    '',
    ...(unverified ? ['Verification problems:', '', ...unverified.map((line) => '    ' + line.split('\n').join('\n    ')), ''] : []),
    `Written by \`npm run bench\` (bench/run.js) in ${minutes} min. Re-run to refresh; numbers from other machines or runs are not comparable.`,
    '',
    // the reviewed, hand-written summary (bench/SUMMARY.md), kept across runs; it names the run it read
    ...(!QUICK && !unverified && fs.existsSync(path.join(BENCH_DIR, 'SUMMARY.md')) ? [fs.readFileSync(path.join(BENCH_DIR, 'SUMMARY.md'), 'utf8').trim(), ''] : []),
    ...report,
  ].join('\n');
  const target = unverified ? path.join(WORK_DIR, 'RESULTS.unverified.md') : QUICK ? path.join(WORK_DIR, 'RESULTS.quick.md') : path.join(BENCH_DIR, 'RESULTS.md');
  fs.writeFileSync(target, document + '\n');
  progress(`\nwrote ${path.relative(ROOT, target)} (${minutes} min)`);
  if (unverified) {
    console.error('\n!!! verification failed (see the top of the results file); exit status 1');
    process.exit(1);
  }
  if (!ours && WITH_OURS) {
    console.error(`\n!!! incomplete: our plugin was not benchmarked (${oursError}); exit status 2`);
    process.exit(2);
  }
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
