/*
 * classify: puts a failing test into one of the classes of issue 12 (function shape, parameter
 * scope, protocol reads, names, other), from its path and failure message, so that the people
 * fixing them can take a class at a time. The rules are ordered; the first that matches wins.
 * Must never: change a verdict (it only labels failures that are already failures).
 */
'use strict';

const CLASSES = {
  'function-shape': 'function shape (new, prototype, caller/arguments, [[Prototype]] of functions and generator objects)',
  'parameter-scope': 'parameter scope (defaults that see later parameters or the body, TDZ, arguments in parameters)',
  'protocol-reads': 'protocol reads (getters on Symbol.iterator / asyncIterator / next / return / throw / done / value / then / constructor, tick counts)',
  'names': 'names (function .name inference)',
  'other': 'other',
};

const RULES = [
  // names first: *-fn-name-*.js tests assert `.name` and nothing else
  ['names', (file, message) => /fn-name|-name-|\/name\.js$|instance-name|has-name/.test(file) || /\bname\b.*(Expected SameValue|to be)|\.name/.test(message)],
  [
    'function-shape',
    (file, message) =>
      /forbidden-ext|construct|prototype|is-a-constructor|instance-|proto-from|has-instance|extensib|toStringTag|is-subclass|not-callable|generator-prototype|this-val|returns-async-.*-object|invoked-as/.test(file) ||
      /prototype|constructor|\[\[Prototype\]\]|instanceof|caller|Expected a TypeError to be thrown but no exception was thrown at all/.test(message),
  ],
  [
    'parameter-scope',
    (file) => /dflt-params|params-|-args-|arguments|param-|scope-|-abrupt|eval-var-scope|ary-init-|obj-init-/.test(file),
  ],
  [
    'protocol-reads',
    (file, message) =>
      /yield-star|yield-spread|ticks|get-|-getter|iter-|-next-|-return-|-throw-|async-from-sync|request-queue|return-await|thenable|await-|-then-|promise/.test(file) ||
      /getter|then|constructor lookup|Actual \[/.test(message),
  ],
];

/** The class key of a failing run of `file` with failure `message`. */
function classify(file, message) {
  const text = String(message || '');
  for (const [key, test] of RULES) if (test(file, text)) return key;
  return 'other';
}

module.exports = { CLASSES, classify };
