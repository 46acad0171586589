/*
 * exclusions: the reasons, read from a test's source and metadata, for which NO source transform
 * could pass it (issue 12): the %AsyncFunction% / %AsyncGeneratorFunction% constructor built from
 * strings, code compiled from strings with eval / Function, cross-realm intrinsics, and
 * Function.prototype.toString of the rewritten function. A reason only excuses a run that fails:
 * a test with a reason that passes anyway counts as passed.
 * Must never: excuse a test for any other reason, or by its folder or name alone.
 */
'use strict';

const REASONS = {
  'function-constructor': 'calls the %AsyncFunction% / %AsyncGeneratorFunction% constructor (code built from strings; it is reached through a rewritten function, which is an ordinary function)',
  'eval': 'compiles code from strings with eval / Function (the plugin rejects a direct eval inside an async function; the evaluated text is never transformed)',
  'cross-realm': 'uses intrinsics of another realm ($262.createRealm)',
  'to-string': 'reads Function.prototype.toString of a rewritten function, directly or as a property key (the source text of the rewrite is not the written source)',
};

/** Strips comments and the frontmatter so that a word in a description does not count. */
function codeOnly(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:\\])\/\/.*$/gm, '$1');
}

/** The exclusion keys that apply to a test (possibly several), in a fixed order. */
function exclusionKeys(source, meta) {
  const code = codeOnly(source);
  const keys = [];
  if (/\bAsync(?:Generator)?Function\s*\(/.test(code)) keys.push('function-constructor');
  if (/\beval\s*\(|(?:^|[^.\w$])Function\s*\(|\$262\.evalScript\b|\.eval\s*\(/.test(code)) keys.push('eval');
  if ((meta.features || []).includes('cross-realm') || /\$262\.createRealm\b/.test(code)) keys.push('cross-realm');
  // an async function used as a computed key or passed to String() is converted by its source text
  const functionAsText = /(?:\[|\bString\s*\()\s*async\s*(?:function\b|\(|[\w$]+\s*=>)/;
  if (/\bFunction\.prototype\.toString\b|\.toString\s*\(\s*\)/.test(code) || functionAsText.test(code)) keys.push('to-string');
  return keys;
}

module.exports = { REASONS, exclusionKeys };
