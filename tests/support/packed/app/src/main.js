// The app every recipe builds: microtask interleaving, errors, for await, Promise.all.
import { fetchValue, countdown } from './steps.js';

async function first() {
  report('first start');
  const a = await fetchValue('a', 2);
  report('first got', a);
  try {
    await fetchValue('bad', 1);
  } catch (error) {
    report('first caught', error.message);
  }
  return a + '!';
}

async function second() {
  report('second start');
  const values = [];
  for await (const n of countdown(3)) {
    values.push(n);
    if (n === 2) break;
  }
  report('second values', values.join(','));
  const all = await Promise.all([fetchValue('x', 1), fetchValue('y', 0)]);
  return all.join('+');
}

first().then((value) => report('first done', value));
second().then((value) => report('second done', value));
report('sync end');
