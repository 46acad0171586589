/*
 * hosts: runs a built bundle where a user would: Node, the ES5 engines duktape (duk) and mujs
 * (no Promise, no setTimeout: a prelude gives them print-based report() and a timer queue that
 * core-js's task fallback uses), and headless Chromium (report() writes into the page).
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ES5_PRELUDE = [
  'var report = function () { var parts = []; for (var i = 0; i < arguments.length; i++) parts.push(String(arguments[i])); print(parts.join(" ")); };',
  'var __timers = []; var setTimeout = function (fn) { __timers.push(fn); return __timers.length; }; var clearTimeout = function () {};',
  '',
].join('\n');
const ES5_EPILOGUE = '\n;while (__timers.length) __timers.shift()();\n';

function runIn(host, bundle) {
  if (host === 'node') {
    const file = path.join(os.tmpdir(), `asm-node-${process.pid}-${Date.now()}.cjs`);
    fs.writeFileSync(file, 'var report = function () { console.log([].slice.call(arguments).join(" ")); };\n' + bundle);
    try {
      return finish(spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30000 }));
    } finally {
      fs.rmSync(file, { force: true });
    }
  }
  if (host === 'duk' || host === 'mujs') {
    const file = path.join(os.tmpdir(), `asm-${host}-${process.pid}-${Date.now()}.js`);
    fs.writeFileSync(file, ES5_PRELUDE + bundle + ES5_EPILOGUE);
    try {
      return finish(spawnSync(host, [file], { encoding: 'utf8', timeout: 60000 }));
    } finally {
      fs.rmSync(file, { force: true });
    }
  }
  if (host === 'chromium') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asm-chromium-'));
    const page = path.join(dir, 'index.html');
    fs.writeFileSync(path.join(dir, 'bundle.js'), bundle);
    fs.writeFileSync(page, '<!doctype html><pre id="out"></pre><script>var report = function () { document.getElementById("out").textContent += [].slice.call(arguments).join(" ") + "\\n"; };</script><script src="bundle.js"></script>');
    try {
      const run = spawnSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--user-data-dir=' + path.join(dir, 'profile'), '--virtual-time-budget=2000', '--dump-dom', 'file://' + page], { encoding: 'utf8', timeout: 60000 });
      const match = /<pre id="out">([\s\S]*?)<\/pre>/.exec(run.stdout || '');
      const text = match ? match[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') : '';
      return { ok: run.status === 0 && !!match, log: text.trim().split('\n').filter(Boolean), stderr: (run.stderr || '').slice(0, 2000) };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  throw new Error('unknown host ' + host);
}

function finish(run) {
  return { ok: run.status === 0, log: (run.stdout || '').trim().split('\n').filter(Boolean), stderr: ((run.stderr || '') + (run.error ? String(run.error) : '')).slice(0, 2000) };
}

module.exports = { runIn };
