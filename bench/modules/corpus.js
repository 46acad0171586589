/*
 * corpus: the benchmark's inputs in one place: the seeded generated modules, the same modules as
 * one file, and the real-world files from node_modules; plus `transformAll`, which produces every
 * contender's output for every file once (reused by verification and size measurements).
 * Must never: time anything (transform speed is measured separately, interleaved).
 */
'use strict';
const { generateCorpus } = require('./corpusGenerator');
const { realWorldFiles } = require('./realWorld');
const { SNIPPET_PROBES, REAL_WORLD_PROBES } = require('./probes');
const { countLines } = require('./util');

const CORPUS_SEED = 20240611;

function loadCorpus({ quick = false } = {}) {
  // --quick keeps the same generator and seed, with fewer modules.
  const generated = generateCorpus({ seed: CORPUS_SEED, moduleCount: quick ? 3 : 10, functionsPerModule: 20 });
  const allRealWorld = realWorldFiles();
  const realWorld = allRealWorld.filter((file) => !REAL_WORLD_PROBES[file.name]);
  const probes = [
    ...SNIPPET_PROBES,
    ...allRealWorld.filter((file) => REAL_WORLD_PROBES[file.name]).map((file) => ({ ...file, probe: true, ...REAL_WORLD_PROBES[file.name] })),
  ];
  const perFile = [...generated.files, ...realWorld];
  return {
    seed: CORPUS_SEED,
    generatedFiles: generated.files,
    oneFile: generated.oneFile,
    realWorld,
    perFile,
    probes,
    /** everything that is transformed and run: per-file inputs, the one-file corpus, the probes */
    allInputs: [...perFile, generated.oneFile, ...probes],
    generatedLines: generated.files.reduce((sum, file) => sum + countLines(file.code), 0),
    realWorldLines: realWorld.reduce((sum, file) => sum + countLines(file.code), 0),
  };
}

/**
 * Every contender's output for every per-file input and for the one-file corpus:
 * `{ [transformerId]: { files: Map(name → code), oneFile: code, error? } }`. A contender that
 * throws on a file is recorded with the error (verification then fails loudly).
 */
function transformAll(transformers, corpus) {
  const outputs = {};
  for (const transformer of transformers) {
    const entry = { files: new Map(), oneFile: null, errors: [] };
    for (const file of corpus.allInputs) {
      try {
        const code = transformer.transform(file.code, file.name);
        if (file === corpus.oneFile) entry.oneFile = code;
        else entry.files.set(file.name, code);
      } catch (error) {
        entry.errors.push({ name: file.name, message: String((error && error.message) || error).slice(0, 2000) });
      }
    }
    if (transformer.transformInline) {
      entry.inline = { files: new Map(), oneFile: null, errors: [] };
      for (const file of corpus.allInputs) {
        try {
          const code = transformer.transformInline(file.code, file.name);
          if (file === corpus.oneFile) entry.inline.oneFile = code;
          else entry.inline.files.set(file.name, code);
        } catch (error) {
          entry.inline.errors.push({ name: file.name, message: String((error && error.message) || error).slice(0, 500) });
        }
      }
    }
    outputs[transformer.id] = entry;
  }
  return outputs;
}

module.exports = { loadCorpus, transformAll, CORPUS_SEED };
