// Tutorial section 10, "async functions & call stack": a awaits b awaits c.
// The stack unwinds at each await; each function resumes in its own
// microtask, innermost first.
async function c() {
  console.log("c runs");
  await null;
  console.log("c resumes");
  return "from c";
}

async function b() {
  const v = await c();
  console.log("b resumes with", v);
  return v + " via b";
}

async function a() {
  const v = await b();
  console.log("a resumes with", v);
}

a();
console.log("the stack is empty again");
