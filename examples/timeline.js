// The tutorial's "async function execution timeline" (section 4): prints A B D C.
// Code before the first `await` runs synchronously, inside the caller's turn ("B" before "D");
// the rest of the function resumes in a microtask, after the synchronous code is done ("C").
//
//   node examples/timeline.js                       the native run
//   async-desugar examples/timeline.js              what the function becomes
//   async-desugar --trace examples/timeline.js      both runs, microtask by microtask
console.log("A");

async function f() {
  console.log("B");
  await Promise.resolve();
  console.log("C");
}

f();
console.log("D");
