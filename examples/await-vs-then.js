// Not quite right in the tutorial (section 3): "await p desugars to p.then(x => ...)". If it did,
// patching Promise.prototype.then would see every await. It does not: `await` uses the engine's
// own PerformPromiseThen, so the patched `then` is called only for the explicit .then call below.
// The rewritten program behaves the same, because its runtime captured the original `then`.
const originalThen = Promise.prototype.then;
Promise.prototype.then = function (onFulfilled, onRejected) {
  console.log("patched then called");
  return originalThen.call(this, onFulfilled, onRejected);
};

async function example(p) {
  const x = await p;
  console.log("await gave", x);
}

function desugared(p) {
  return p.then((x) => {
    console.log("then gave", x);
  });
}

async function main() {
  await example(Promise.resolve(1));
  await desugared(Promise.resolve(2));
  Promise.prototype.then = originalThen;
}

main();
