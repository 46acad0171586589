// The tutorial's "await works on any thenable" (section 9): `await 10` behaves like
// `await Promise.resolve(10)` (both resume one microtask later), and a thenable, an object with
// a `then` method, is awaited too. What the tutorial leaves out: the thenable costs one more
// microtask, because `then` is called in a job of its own (NewPromiseResolveThenableJob).
// Each line says at which microtask the await resumed (the ticker counts them).
// Counts microtasks: `ticks` is how many have run since startCounting() was called.
let ticks = 0;
let generation = 0;
function startCounting() {
  const mine = ++generation;
  ticks = 0;
  queueMicrotask(function step() {
    if (mine !== generation) return;
    ticks++;
    if (ticks < 100) queueMicrotask(step);
  });
}

const thenable = {
  then(resolve) {
    console.log("thenable.then called after", ticks, "microtask(s)");
    resolve(10);
  },
};

async function measure(label, makeValue) {
  const awaited = makeValue();
  startCounting();
  const value = await awaited;
  console.log(label, "->", value, "after", ticks, "microtask(s)");
}

async function main() {
  await measure("await 10", () => 10);
  await measure("await Promise.resolve(10)", () => Promise.resolve(10));
  await measure("await thenable", () => thenable);
}

main();
