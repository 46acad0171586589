// Source-map input: each `log("mark ...")` call is kept intact by the rewrite; the test finds
// it in the output and maps it back to its line here.
async function fetchTwice(read) {
  log("mark before-await");
  var first = await read(1);
  log("mark after-first-await", first);
  try {
    var second = await read(2);
    log("mark in-try", second);
  } catch (error) {
    log("mark in-catch", error);
  }
  for (var i = 0; i < 2; i++) {
    await null;
    log("mark in-loop", i);
  }
  return first + second;
}

fetchTwice(async function (n) { return n * 10; }).then(function (sum) { log("mark done", sum); });
