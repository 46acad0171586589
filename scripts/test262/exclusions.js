/*
 * exclusions: the reasons, read from a test's source and metadata, for which NO source transform
 * could pass it (issue 12): the %AsyncFunction% / %AsyncGeneratorFunction% constructor built from
 * strings, code compiled from strings with eval / Function (also by the harness, to reach a
 * native intrinsic), cross-realm intrinsics, Function.prototype.toString of the rewritten
 * function, and (ES5 output only) an own `prototype` of a function. A reason only excuses a run that fails:
 * a test with a reason that passes anyway counts as passed.
 * Must never: excuse a test for any other reason, or by its folder or name alone.
 */
'use strict';

const REASONS = {
  'function-constructor': 'calls the %AsyncFunction% / %AsyncGeneratorFunction% constructor (code built from strings: the one a rewritten function reaches is the runtime\'s, which compiles nothing and throws a TypeError)',
  'eval': 'compiles code from strings with eval / Function (the plugin rejects a direct eval inside an async function; the evaluated text is never transformed)',
  'cross-realm': 'uses intrinsics of another realm ($262.createRealm)',
  'to-string': 'reads Function.prototype.toString of a rewritten function, directly or as a property key (the source text of the rewrite is not the written source)',
  'native-intrinsic': 'compares with a native intrinsic (%AsyncFunction%, %AsyncGeneratorFunction%, ...) that the harness (wellKnownIntrinsicObjects.js) obtains by compiling a string with Function: the rewritten functions inherit from the runtime\'s own intrinsics, and no ES5 code can reach the engine\'s',
  'es5-prototype': 'checks that an async function has no own `prototype`: an ES5 function always has one (non-configurable), so only the ES2015 shape (targets with arrows and methods) can pass; Babel 7 without targets gives the ES5 shape',
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
  if ((meta.includes || []).includes('wellKnownIntrinsicObjects.js') && /\bgetWellKnownIntrinsicObject\s*\(\s*['"]%Async/.test(code)) keys.push('native-intrinsic');
  if (/\.hasOwnProperty\s*\(\s*['"]prototype['"]\s*\)/.test(code)) keys.push('es5-prototype');
  if (/\bFunction\.prototype\.toString\b|\.toString\s*\(\s*\)/.test(code) || functionAsText.test(code)) keys.push('to-string');
  return keys;
}

module.exports = { REASONS, exclusionKeys };
