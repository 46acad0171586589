// A sibling module: async functions, an async generator, try/finally across awaits.
export async function fetchValue(name, delayTicks) {
  for (let i = 0; i < delayTicks; i++) await null;
  if (name === 'bad') throw new Error('no value for ' + name);
  return name.toUpperCase();
}

export async function* countdown(from) {
  try {
    for (let n = from; n > 0; n--) {
      yield n;
      await null;
    }
  } finally {
    report('countdown closed');
  }
}
