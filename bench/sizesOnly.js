#!/usr/bin/env node
/*
 * sizesOnly: the size columns of `npm run bench` alone (runtime pieces, output size per file and
 * as one file, bundled app), in a minute instead of fifteen, for size work between full runs.
 * The same modules as bench/run.js (corpus, transformers, outputSize, bundleSize), our plugin and
 * the peers; nothing is verified or timed (the full bench does that), so these figures are for
 * comparing builds, and RESULTS.md keeps the full run's.
 * Must never: size an output differently from bench/run.js, or write bench/RESULTS.md.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { loadCorpus, transformAll } = require('./modules/corpus');
const { createTransformers } = require('./modules/transformers');
const { measureOutputSizes } = require('./modules/outputSize');
const { measureBundleSizes } = require('./modules/bundleSize');
const { ROOT } = require('./modules/util');

const gzip = (text) => zlib.gzipSync(text, { level: 9 }).length;
const { RUNTIME_PIECES } = require(path.join(ROOT, 'lib', 'emission', 'runtimeSources.js'));
const pieces = RUNTIME_PIECES.map((piece) => `${piece.name} ${piece.minified.length} / ${gzip(piece.minified)}`);
const core = RUNTIME_PIECES.find((piece) => piece.name === 'core').minified;
const kinds = RUNTIME_PIECES.find((piece) => piece.name === 'functionKinds').minified;
const full = fs.readFileSync(path.join(ROOT, 'lib', 'runtime', 'asyncMachine.min.js'), 'utf8');
console.log(`runtime pieces, min / min+gzip B: ${pieces.join('; ')}`);
console.log(`core ${gzip(core)} B min+gzip; core + functionKinds (what plain async functions use) ${gzip(core + '\n' + kinds)} B; asyncMachine.min.js ${full.length} / ${gzip(full)} B`);

const corpus = loadCorpus({ quick: false });
const { transformers } = createTransformers({ ours: true });
const outputs = transformAll(transformers, corpus);
const variants = [{ id: 'native', label: 'input', files: new Map(corpus.perFile.map((f) => [f.name, f.code])), oneFile: corpus.oneFile.code, claimsEs5: false }];
for (const transformer of transformers) {
  variants.push({ id: transformer.id, label: transformer.label, files: outputs[transformer.id].files, oneFile: outputs[transformer.id].oneFile, claimsEs5: transformer.claimsEs5 });
  if (outputs[transformer.id].inline) variants.push({ id: `${transformer.id}-inline`, label: 'ours, runtime inline', files: outputs[transformer.id].inline.files, oneFile: outputs[transformer.id].inline.oneFile, claimsEs5: false });
}
console.log(measureOutputSizes(variants, corpus).table);
console.log(measureBundleSizes(variants.filter((variant) => variant.id !== 'identity')).table);
require('./modules/sizeProfile')
  .sizeProfile(RUNTIME_PIECES, full, { input: corpus.oneFile.code, ours: outputs.ours.oneFile, oursInline: outputs.ours.inline.oneFile, typescript: outputs.typescript.oneFile })
  .then((profile) => console.log(profile));
