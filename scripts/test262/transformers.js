/*
 * transformers: the plugin under test, run by Babel 7 (@babel/core) or Babel 8 (the `babel8`
 * alias, ESM, loaded with require() in plain Node >= 20.19), with the options src/transform.ts
 * uses; and the verdict on a transform error (Babel's parser reported it, a Babel error with a
 * code frame, or a crash).
 * Must never: add plugins or presets beside the one under test, or change its output.
 */
'use strict';

const { stripVTControlCharacters } = require('util');

const babels = new Map();

function loadBabel(major) {
  let babel = babels.get(major);
  if (!babel) {
    babel = major === 7 ? require('@babel/core') : require('babel8');
    babels.set(major, babel);
  }
  return babel;
}

/** The plugin function exported by `pluginPath` (lib/index.js of a checkout). */
function loadPlugin(pluginPath) {
  const exported = require(pluginPath);
  return exported && exported.__esModule && exported.default ? exported.default : exported;
}

/** Transforms `code`; returns { code } or { error: { name, message, code, verdict } }. */
function transform(major, plugin, code, { filename, runtime, sourceType, targets, functionShape }) {
  const babel = loadBabel(major);
  try {
    const result = babel.transformSync(code, {
      babelrc: false,
      configFile: false,
      filename,
      sourceType,
      sourceMaps: false,
      retainLines: false,
      compact: false,
      parserOpts: { allowReturnOutsideFunction: false },
      plugins: [[plugin, functionShape && functionShape !== 'auto' ? { runtime, functionShape } : { runtime }]],
      // Babel's top-level compilation targets (what api.targets() answers); none: Babel's default
      ...(targets === undefined ? {} : { targets }),
    });
    if (!result || result.code == null) return { error: { name: 'Error', message: 'Babel returned no code', code: null, verdict: 'crash' } };
    return { code: result.code };
  } catch (error) {
    return { error: describeTransformError(error) };
  }
}

/**
 * babel-parser: Babel's parser rejected the input (an early error Babel knows);
 * code-frame: a Babel error pointing at the source (the plugin's buildCodeFrameError, or
 *   Babel's scope checks such as duplicate declarations);
 * crash: anything else (an exception escaping the plugin without a code frame).
 */
function describeTransformError(error) {
  const message = stripVTControlCharacters(error && error.message ? String(error.message) : String(error));
  const code = error && typeof error.code === 'string' ? error.code : null;
  const name = error && error.name ? String(error.name) : 'Error';
  let verdict;
  if (code === 'BABEL_PARSER_SYNTAX_ERROR' || (error && typeof error.reasonCode === 'string')) verdict = 'babel-parser';
  else if (/^\s*>?\s*\d+\s+\|/m.test(message)) verdict = 'code-frame';
  else verdict = 'crash';
  return { name, message, code, verdict };
}

module.exports = { transform, loadPlugin, loadBabel, describeTransformError };
