// The tutorial's error handling (sections 2, 6 and 7): a rejected promise and an error thrown
// after an `await` are both caught by try/catch around the await; a `throw` in an async function
// rejects its promise instead of throwing to the caller; a throw in a timer callback escapes a
// try/catch around setTimeout (a different call stack).
//
// Not quite right in the tutorial: "await p is the same as p.then(v => v).catch(e => { throw e })".
// The values agree, but the chain resumes two microtasks later than `await p` does: see
// "await resumed" and "chain resumed" below (the ticker counts microtasks).
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

async function rejected() {
  try {
    await Promise.reject("Fail");
  } catch (e) {
    console.log("caught a rejected promise:", e);
  }
}

async function thrownAfterAwait() {
  try {
    await null;
    throw new Error("thrown after await");
  } catch (e) {
    console.log("caught:", e.message);
  }
}

async function test() {
  throw "Error!";
}

async function awaitVersusChain() {
  const p = Promise.resolve("value");
  startCounting();
  const viaAwait = (async () => {
    const v = await p;
    console.log("await resumed with", v, "after", ticks, "microtask(s)");
  })();
  const viaChain = p.then((v) => v).catch((e) => { throw e; }).then((v) => {
    console.log("chain resumed with", v, "after", ticks, "microtask(s)");
  });
  await Promise.all([viaAwait, viaChain]);
}

process.on("uncaughtException", (error) => {
  console.log("escaped every try/catch:", error);
});

async function main() {
  await rejected();
  await thrownAfterAwait();
  const caller = test();
  console.log("the caller was not interrupted by the throw");
  await caller.catch((reason) => console.log("test() rejected with", reason));
  await awaitVersusChain();
  try {
    setTimeout(() => { throw "X"; }, 0);
  } catch {
    console.log("never printed: the timer throws later, on another stack");
  }
}

main();
