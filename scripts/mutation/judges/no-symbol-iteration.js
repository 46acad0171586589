// An ES5-like engine without Symbol when the runtime loads: for-of and array destructuring
// across awaits walk arrays and array-likes by index (the runtime's fallback), exactly as
// native for-of walks these arrays and strings.
var RealSymbol = Symbol;
globalThis.Symbol = undefined;
// ---- the runtime loads here ----
globalThis.Symbol = RealSymbol;
async function run(name, f) {
  try { log(name, 'ok', await f()); } catch (e) { log(name, 'threw', e.constructor === TypeError); }
}
async function main() {
  await run('array', async () => { const seen = []; for (const x of [1, 2, 3]) seen.push(await x); return seen.join(); });
  await run('empty array', async () => { for (const x of []) log('never', await x); return 'none'; });
  await run('string', async () => { const seen = []; for (const c of 'abc') seen.push(await c); return seen.join(); });
  await run('holes', async () => { const seen = []; for (const x of [, 'b']) seen.push(await x); return seen.join('|'); });
  await run('break', async () => { for (const x of [1, 2, 3]) { if (await x === 2) return 'at ' + x; } });
  await run('pattern', async () => { const [a, b = await 'dflt', c] = [1, undefined, 3]; return [a, b, c].join(); });
  await run('pattern short', async () => { const [a = await 'd1', b = await 'd2'] = []; return a + b; });
  await run('pattern rest', async () => { const [a = await 0, ...r] = ['x', 'y', 'z']; return a + r.join(); });
  await run('pattern rest empty', async () => { const [a = await 0, ...r] = ['x']; return a + r.length; });
  await run('null', async () => { for (const x of null) await x; });
  await run('undefined', async () => { let u; for (const x of u) await x; });
  await run('object', async () => { for (const x of {}) await x; });
  await run('number', async () => { for (const x of 5) await x; });
  await run('spread', async () => { const a = [...[1, 2], await 3]; return a.join(); });
}
main();
