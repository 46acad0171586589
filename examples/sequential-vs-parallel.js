// The tutorial's "sequential vs parallel await" (section 8), with two fake requests:
// fetchA takes 200 ms and fetchB 100 ms. Awaiting them one after the other takes A + B = 300 ms;
// starting both and awaiting Promise.all takes max(A, B) = 200 ms.
//
// `async-desugar --trace` runs this with a fake clock, so the "took" lines and the ms column of
// the trace are exact (300 and 200); a plain `node` run shows real, slightly larger times.
function fetchA() {
  return new Promise((resolve) => setTimeout(() => resolve("a"), 200));
}
function fetchB() {
  return new Promise((resolve) => setTimeout(() => resolve("b"), 100));
}

async function sequential() {
  const start = Date.now();
  const a = await fetchA();
  const b = await fetchB();
  console.log("sequential got", a, b, "and took", Date.now() - start, "ms (A + B)");
}

async function parallel() {
  const start = Date.now();
  const [a, b] = await Promise.all([fetchA(), fetchB()]);
  console.log("parallel got", a, b, "and took", Date.now() - start, "ms (max(A, B))");
}

async function main() {
  await sequential();
  await parallel();
}

main();
