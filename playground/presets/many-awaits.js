// Tutorial section 5, "async function = state machine": each await is a
// pause point. A loop with an await becomes cases that jump back.
async function countdown(n) {
  let total = 0;
  while (n > 0) {
    total += await n;
    console.log("after await, n =", n, "total =", total);
    n--;
  }
  return total;
}

countdown(3).then((total) => console.log("done, total", total));
console.log("countdown(3) suspended at its first await");
