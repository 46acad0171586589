// Module B of the bundler test: its async function calls back into module A.
import { price } from './bundle-a.js';

export var stockLog = [];

export async function fetchStock(item) {
  await null;
  stockLog.push('stock ' + item);
  if (item === 'nut' && stockLog.length < 4) log('nested price', await price('washer'));
  return item.length;
}
