// Module A of the bundler test: imports B's async function, B imports A's (a cycle). Written
// in ES5 apart from async/await and import/export, so that the bundle can be checked as ES5.
import { fetchStock, stockLog } from './bundle-b.js';

export async function price(item) {
  var count = await fetchStock(item);
  stockLog.push('price ' + item);
  return count * (await Promise.resolve(3));
}

async function main() {
  var totals = [];
  var items = ['bolt', 'nut'];
  for (var i = 0; i < items.length; i++) totals.push(await price(items[i]));
  log('totals', totals, stockLog);
}

main().then(function () { log('main done'); });
Promise.resolve().then(function () { log('tick 1'); }).then(function () { log('tick 2'); });
