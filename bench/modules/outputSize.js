/*
 * outputSize: bytes and gzip bytes of every contender's output, per file (each file carrying its
 * own helpers and the runtime it needs, as if shipped alone) and for the generated corpus as one
 * file (helpers and runtime once), as emitted and after lowering the rest to ES5 with preset-env.
 * Must never: leave out a runtime or helper file an output needs to run.
 */
'use strict';
const fs = require('fs');
const { gzipSize, byteSize, markdownTable, formatBytes, formatRatio, RUNTIME_PATH } = require('./util');
const { runtimeFilesNeeded } = require('./transformers');
const { lowerRestToEs5 } = require('./codeChecks');

/** The output plus the text of every runtime file it requires, as one shippable unit. */
function withRuntime(code) {
  const runtimes = runtimeFilesNeeded(code);
  return { text: [code, ...runtimes.map((runtime) => fs.readFileSync(runtime.file, 'utf8'))].join('\n'), runtimes: runtimes.map((runtime) => runtime.id) };
}

function sizeOf(text) {
  return { bytes: byteSize(text), gzip: gzipSize(text) };
}

/** Size of our runtime file as shipped and without comments (a minifier would drop those). */
function describeRuntimeFile() {
  if (!fs.existsSync(RUNTIME_PATH)) return '';
  const text = fs.readFileSync(RUNTIME_PATH, 'utf8');
  const bare = require('@babel/core').transformSync(text, { babelrc: false, configFile: false, comments: false, compact: false }).code;
  return `Our runtime file \`lib/runtime/asyncMachine.min.js\`: ${formatBytes(byteSize(text))} B / ${formatBytes(gzipSize(text))} B gzip as shipped; without comments ${formatBytes(byteSize(bare))} B / ${formatBytes(gzipSize(bare))} B gzip.`;
}

/**
 * `variants`: [{ id, label, files: Map(name → code), oneFile, claimsEs5 }] (native first).
 */
function measureOutputSizes(variants, corpus) {
  const perFile = corpus.perFile.map((file) => {
    const cells = variants.map((variant) => {
      const code = variant.files.get(file.name);
      return code == null ? null : sizeOf(withRuntime(code).text);
    });
    return { name: file.label || file.name, cells };
  });
  const totals = variants.map((_, i) => ({
    bytes: perFile.reduce((sum, row) => sum + (row.cells[i] ? row.cells[i].bytes : NaN), 0),
    gzip: perFile.reduce((sum, row) => sum + (row.cells[i] ? row.cells[i].gzip : NaN), 0),
  }));
  const oneFile = variants.map((variant) => {
    const shipped = withRuntime(variant.oneFile);
    return { ...sizeOf(shipped.text), runtimes: shipped.runtimes };
  });
  // Full ES5: async-only lowerers + preset-env (IE 11) for the rest; TypeScript is ES5 already.
  const oneFileEs5 = variants.map((variant) => {
    if (variant.id === 'native' || variant.id === 'identity') return null;
    const es5Code = variant.claimsEs5 ? variant.oneFile : lowerRestToEs5(variant.oneFile, corpus.oneFile.name);
    return sizeOf(withRuntime(es5Code).text);
  });
  const input = oneFile[0];
  const cell = (size) => (size ? `${formatBytes(size.bytes)} / ${formatBytes(size.gzip)}` : '—');
  const header = ['file (bytes / gzip bytes)', ...variants.map((variant) => variant.label)];
  const rows = perFile.map((row) => [row.name, ...row.cells.map(cell)]);
  rows.push(['**sum of files**', ...totals.map(cell)]);
  rows.push(['**generated corpus as one file**', ...oneFile.map(cell)]);
  rows.push(['one file: gzip × input gzip', ...oneFile.map((size) => formatRatio(size.gzip / input.gzip))]);
  rows.push(['one file, rest lowered to ES5 (preset-env IE 11)', ...oneFileEs5.map(cell)]);
  rows.push(['one file ES5: gzip × input gzip', ...oneFileEs5.map((size) => (size ? formatRatio(size.gzip / input.gzip) : '—'))]);
  rows.push(['runtime files counted', ...oneFile.map((size) => size.runtimes.join(', ') || 'none (helpers inline)')]);
  return { perFile, totals, oneFile, oneFileEs5, input, table: markdownTable(header, rows), runtimeNote: describeRuntimeFile() };
}

module.exports = { measureOutputSizes, withRuntime };
