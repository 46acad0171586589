import { load, stream, client } from './dep';

export async function loadTwice() {
  const first = await load();
  const second = await client.fetch(first);
  return `${first}+${second}`;
}

export async function collect() {
  const values = [];
  for await (const value of stream()) values.push(value);
  return values;
}
