// Tutorial section 2, "what you return": a value, nothing, or a throw.
// An async function always returns a promise; a throw rejects it instead of
// reaching the caller.
async function value() {
  return 10;
}

async function nothing() {}

async function test() {
  throw "Error!";
}

async function main() {
  console.log("value() gives", await value());
  console.log("nothing() gives", await nothing());
  const p = test();
  console.log("test() returned a promise, the caller goes on");
  await p.catch((reason) => console.log("test() rejected with", reason));
}

main();
