// Tutorial section 7 says `await p` "is same as"
// p.then(v => v).catch(e => { throw e }).
// Same value, different timing: the chain needs 2 more microtasks.
const p = Promise.resolve("value");

async function viaAwait() {
  const v = await p;
  console.log("await resumed with", v);
}

function viaChain() {
  return p
    .then((v) => v)
    .catch((e) => { throw e; })
    .then((v) => console.log("chain resumed with", v));
}

viaChain();
viaAwait();
console.log("both started (chain first)");
