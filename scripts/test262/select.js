/*
 * select: which files of a test262 checkout this runner counts (the folders issue 12 names), and
 * the --filter glob. Paths are relative to the checkout's test/ folder, with forward slashes.
 * Must never: read a test's contents (selection is by path only), or count *_FIXTURE.js files,
 * which are modules imported by other tests, not tests.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const BUILT_IN_FOLDERS = ['AsyncFunction', 'AsyncGeneratorPrototype', 'AsyncGeneratorFunction', 'AsyncFromSyncIteratorPrototype'];

/** True when the test at `relative` (e.g. "language/statements/for-await-of/x.js") is in scope. */
function inScope(relative) {
  const segments = relative.split('/');
  const file = segments[segments.length - 1];
  if (!file.endsWith('.js') || file.includes('_FIXTURE')) return false;
  if (segments[0] === 'built-ins') return BUILT_IN_FOLDERS.includes(segments[1]);
  if (segments[0] !== 'language') return false;
  // language/**/async-* (a folder or a file), language/**/await, language/**/for-await-of
  for (const segment of segments.slice(1)) {
    if (segment.startsWith('async-') || segment === 'await' || segment === 'for-await-of') return true;
  }
  // class and object async / async-generator methods that live in shared folders
  // (class/dstr/async-gen-meth-*, class/elements/*async*, object/method-definition/async-*,
  // arguments-object/cls-decl-async-gen-meth-*)
  const classOrObject =
    (segments[1] === 'statements' && segments[2] === 'class') ||
    (segments[1] === 'expressions' && (segments[2] === 'class' || segments[2] === 'object')) ||
    segments[1] === 'arguments-object';
  return classOrObject && /async/.test(file);
}

/** Turns a glob (`**` any folders, `*` any characters but `/`, `?` one character) into a RegExp. */
function globToRegExp(glob) {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*' && glob[i + 1] === '*') {
      pattern += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (char === '*') pattern += '[^/]*';
    else if (char === '?') pattern += '[^/]';
    else pattern += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}

/**
 * A predicate for --filter: a glob matched against the whole relative path; a filter without
 * `*` or `?` matches every path that contains it (a folder, a file name, a part of one).
 */
function makeFilter(filter) {
  if (!filter) return () => true;
  if (!/[*?]/.test(filter)) return (relative) => relative.includes(filter);
  const regExp = globToRegExp(filter);
  return (relative) => regExp.test(relative);
}

function walk(directory, relative, out) {
  const entries = fs.readdirSync(directory, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const childRelative = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) walk(path.join(directory, entry.name), childRelative, out);
    else if (entry.isFile()) out.push(childRelative);
  }
}

/** Every in-scope test of the checkout at `root` that passes the filter, sorted. */
function selectTests(root, filter) {
  const testRoot = path.join(root, 'test');
  if (!fs.existsSync(testRoot)) throw new Error(`not a test262 checkout (no test/ folder): ${root}`);
  const all = [];
  const tops = ['language', ...BUILT_IN_FOLDERS.map((name) => `built-ins/${name}`)];
  for (const top of tops) {
    const directory = path.join(testRoot, ...top.split('/'));
    if (fs.existsSync(directory)) walk(directory, top, all);
  }
  const accept = makeFilter(filter);
  return all.filter((relative) => inScope(relative) && accept(relative));
}

module.exports = { selectTests, inScope, makeFilter, globToRegExp };
