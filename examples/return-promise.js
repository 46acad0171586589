// Not quite right in the tutorial (section 2): "What you return: Promise -> Actual return: same
// promise". An async function that returns a promise returns a NEW promise, resolved with the
// returned one, and that resolution costs two extra microtasks (a NewPromiseResolveThenableJob
// and the `then` it runs). Evidence: "same promise? false", and `await foo()` resumes at
// microtask 3 while `await inner` resumes at microtask 1.
const inner = Promise.resolve(20);

async function foo() {
  return inner;
}

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

async function main() {
  const outer = foo();
  console.log("same promise?", outer === inner);

  startCounting();
  await inner;
  console.log("await inner resumed after", ticks, "microtask(s)");

  startCounting();
  await foo();
  console.log("await foo() resumed after", ticks, "microtask(s)");
}

main();
