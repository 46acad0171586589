// try/catch/finally across awaits: the error thrown after an await is
// caught, and the finally runs on every way out, also after `return`.
function delay(ms, value) {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

async function load(shouldFail) {
  try {
    const data = await delay(10, "data");
    if (shouldFail) throw new Error("parse failed");
    return data;
  } catch (error) {
    console.log("caught:", error.message);
    return "fallback";
  } finally {
    await delay(5);
    console.log("finally (shouldFail =", shouldFail + ")");
  }
}

async function main() {
  console.log("got", await load(false));
  console.log("got", await load(true));
}

main();
