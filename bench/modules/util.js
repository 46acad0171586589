/*
 * util: small shared helpers for the benchmarks: statistics, markdown tables, gzip sizes,
 * child processes that answer with one JSON line, and the paths every bench module agrees on.
 * Must never: time anything itself or hide a child's failure (a failed child is an Error).
 */
'use strict';
const path = require('path');
const fs = require('fs');
const zlib = require('zlib');
const { spawn } = require('child_process');

const ROOT = path.join(__dirname, '..', '..');
const BENCH_DIR = path.join(ROOT, 'bench');
const WORK_DIR = path.join(BENCH_DIR, '.work');
const RUNTIME_ID = 'async-state-machine-runtime';
// the built, minified CommonJS runtime: what the runtime package gives (npm run build)
const RUNTIME_PATH = path.join(ROOT, 'lib', 'runtime', 'asyncMachine.min.js');

function median(values) {
  if (values.length === 0) return NaN;
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function gzipSize(text) {
  return zlib.gzipSync(Buffer.from(text, 'utf8'), { level: 9 }).length;
}

function byteSize(text) {
  return Buffer.byteLength(text, 'utf8');
}

function countLines(text) {
  return text.split('\n').length;
}

/** Renders rows (arrays of cells) as a GitHub markdown table; every column but the first aligns right. */
function markdownTable(header, rows) {
  const line = (cells) => '| ' + cells.map((cell) => String(cell).replace(/\|/g, '\\|')).join(' | ') + ' |';
  const align = header.map((_, column) => (column === 0 ? '---' : '---:'));
  return [line(header), '| ' + align.join(' | ') + ' |', ...rows.map(line)].join('\n');
}

function formatMs(ms) {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 100) return ms.toFixed(0) + ' ms';
  if (ms >= 10) return ms.toFixed(1) + ' ms';
  return ms.toFixed(2) + ' ms';
}

function formatRatio(ratio) {
  if (!Number.isFinite(ratio)) return '—';
  return ratio.toFixed(2) + '×';
}

function formatBytes(bytes) {
  if (!Number.isFinite(bytes)) return '—';
  return bytes.toLocaleString('en-US');
}

function formatMB(bytes) {
  if (!Number.isFinite(bytes)) return '—';
  return (bytes / (1024 * 1024)).toFixed(1) + ' MB';
}

function ensureDir(dir) {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Runs `node [nodeArgs] script` with `input` (a JSON-able job) on stdin and resolves with the
 * JSON object the child prints as its LAST stdout line. Rejects, with stderr attached, when the
 * child exits non-zero, times out, or prints no JSON.
 */
function runJsonChild(script, input, { nodeArgs = [], timeoutMs = 300000, cwd = ROOT, env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, script], { cwd, env: env || process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const lines = stdout.trim().split('\n');
      let parsed;
      try {
        parsed = JSON.parse(lines[lines.length - 1]);
      } catch {
        parsed = undefined;
      }
      if (timedOut || status !== 0 || parsed === undefined) {
        const why = timedOut ? `timed out after ${timeoutMs} ms` : `exit status ${status}${signal ? ' signal ' + signal : ''}`;
        const error = new Error(`child ${path.basename(script)} failed (${why})\n${stderr.slice(-4000)}\n${stdout.slice(-2000)}`);
        error.stderr = stderr;
        error.parsed = parsed;
        reject(error);
        return;
      }
      resolve(parsed);
    });
    child.stdin.end(JSON.stringify(input));
  });
}

/** Maps `items` through an async `worker` with at most `limit` running at once, keeping order. */
async function mapLimit(items, limit, worker) {
  const results = new Array(items.length);
  let next = 0;
  async function lane() {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index], index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** Stable, readable serialisation of a result value, used to compare runs (undefined, NaN and errors kept). */
function canonical(value) {
  const seen = new Set();
  function walk(v) {
    if (v === undefined) return '<undefined>';
    if (typeof v === 'number' && !Number.isFinite(v)) return `<${v}>`;
    if (typeof v === 'bigint') return `<${v}n>`;
    if (typeof v === 'function') return `<function ${v.name}>`;
    if (typeof v === 'symbol') return `<${v.toString()}>`;
    if (v instanceof Error) return `<${v.name}: ${v.message}>`;
    if (v && typeof v === 'object') {
      if (seen.has(v)) return '<cycle>';
      seen.add(v);
      const out = Array.isArray(v) ? v.map(walk) : Object.fromEntries(Object.keys(v).sort().map((k) => [k, walk(v[k])]));
      seen.delete(v);
      return out;
    }
    return v;
  }
  return JSON.stringify(walk(value));
}

module.exports = {
  ROOT,
  BENCH_DIR,
  WORK_DIR,
  RUNTIME_ID,
  RUNTIME_PATH,
  median,
  gzipSize,
  byteSize,
  countLines,
  markdownTable,
  formatMs,
  formatRatio,
  formatBytes,
  formatMB,
  ensureDir,
  runJsonChild,
  mapLimit,
  canonical,
};
