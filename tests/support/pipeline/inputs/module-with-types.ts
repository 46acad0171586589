// An ES module in TypeScript: an import (type-only and value), an export, and async functions.
// preset-typescript removes imports it sees unused; the runtime's import must survive it.
import type { Buffer } from 'buffer';
import { EventEmitter } from 'events';
declare function log(...values: unknown[]): void;

export interface Reading {
  sensor: string;
  value: number;
}

const bus = new EventEmitter();

export async function read(sensor: string, raw?: Buffer): Promise<Reading> {
  const value = (await Promise.resolve(sensor.length)) as number;
  bus.emit('read', sensor);
  return { sensor, value: value + (raw ? raw.length : 0) };
}

bus.on('read', (sensor: string) => log('event', sensor));
const order: string[] = [];
read('alpha').then((reading) => log('alpha', reading.value, order.join(',')));
(async () => {
  order.push('x');
  await null;
  order.push('y');
  log('arrow', (await read('be')).value);
})();
log('sync end');
