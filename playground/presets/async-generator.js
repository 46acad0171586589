// Async generators and `for await`: each `yield` hands a value to the
// loop; every next() is a promise, and the loop awaits each one.
function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function* ticker(limit) {
  for (let i = 1; i <= limit; i++) {
    await delay(10);
    yield i;
  }
  console.log("generator finished");
}

async function main() {
  let sum = 0;
  for await (const n of ticker(3)) {
    console.log("for await got", n);
    sum += n;
  }
  console.log("sum", sum);
}

main();
