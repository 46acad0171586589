/*
 * classify: puts a failing test into one of the classes of issue 12 (function shape, parameter
 * scope, protocol reads, names, other), from its path and failure message, so that the people
 * fixing them can take a class at a time. The rules are ordered; the first that matches wins.
 * Must never: change a verdict (it only labels failures that are already failures).
 */
'use strict';

const CLASSES = {
  'function-shape': 'function shape (new, prototype, caller/arguments, [[Prototype]] of functions and generator objects, intrinsics reached through a rewritten function)',
  'parameter-scope': 'parameter scope (defaults that see later parameters or the body, TDZ, arguments in parameters)',
  'protocol-reads': 'protocol reads (getters on Symbol.iterator / asyncIterator / next / return / throw / done / value / then / constructor, tick counts)',
  'names': 'names (function .name inference, renamed bindings)',
  'other': 'other (for example sloppy `arguments` as a destructuring target)',
};

// the intrinsic a built-ins test wanted was not there: it was reached through a rewritten function
const INTRINSIC_MISSING = /Cannot read properties of undefined|Cannot convert undefined or null to object|AsyncFunction|AsyncGeneratorFunction|toStringTag|prototype|constructor|«"function"», «"object"»/;

const RULES = [
  [
    'function-shape',
    (file, message) =>
      /^built-ins\/(AsyncFunction|AsyncGeneratorFunction|AsyncGeneratorPrototype)\//.test(file) &&
      (INTRINSIC_MISSING.test(message) || /prototype|constructor|toStringTag|not-callable|\/name\.js|\/length\.js|prop-desc|this-val|is-subclass|extensib|instance-|proto-from|has-instance|invoked-as/.test(file)),
  ],
  ['other', (file, message) => /-no-strict\.js$/.test(file) && /Arguments/.test(message)],
  ['names', (file, message) => /fn-name|name-inference|instance-name|has-name|-name\.js$/.test(file) || /name descriptor|\.name\b|«"_/.test(message)],
  [
    'function-shape',
    (file, message) =>
      /forbidden-ext|construct|default-proto|prototype|is-a-constructor|superclass-async|returns-async-[\w-]*-object|instance-|proto-from|has-instance/.test(file) ||
      /prototype|constructor of|instanceof|caller/.test(message),
  ],
  ['parameter-scope', (file, message) => /dflt-params|params-|-args-|param-|scope-param|eval-var-scope|arguments/.test(file) || /should not be resolved/.test(message)],
  [
    'protocol-reads',
    (file, message) =>
      /yield-star|yield-spread|ticks|get-|getter|iter-|-next-|-return-|-throw-|async-from-sync|AsyncFromSyncIteratorPrototype|request-queue|thenable|then-|promise|constructor-lookup/.test(file) ||
      /getter|\bthen\b|constructor lookup|Actual \[/.test(message),
  ],
];

/** The class key of a failing run of `file` with failure `message`. */
function classify(file, message) {
  const text = String(message || '');
  for (const [key, test] of RULES) if (test(file, text)) return key;
  return 'other';
}

module.exports = { CLASSES, classify };
