// The tutorial's real-world fetch example (section 12) against a fake `fetch`, so that it runs
// offline and the same way every time: a 50 ms response that is ok, one that is a 404, and a
// network failure. The flow: fetch -> await suspends -> the response arrives (a timer here) ->
// the function resumes -> res.json() -> another await -> done, or the catch block.
const users = { 1: { login: "mojombo" } };

function fakeFetch(url) {
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      if (url.includes("offline")) return reject(new TypeError("fetch failed"));
      const id = url.split("/").pop();
      const body = users[id];
      resolve({
        ok: body !== undefined,
        status: body ? 200 : 404,
        json: () => Promise.resolve(body),
      });
    }, 50);
  });
}

async function getUser(url) {
  try {
    const res = await fakeFetch(url);
    if (!res.ok) throw new Error("HTTP Error " + res.status);
    const data = await res.json();
    console.log(data.login);
  } catch (err) {
    console.error(err.message);
  }
}

async function main() {
  await getUser("https://api.github.com/users/1");
  await getUser("https://api.github.com/users/2");
  await getUser("https://offline.example/users/1");
}

main();
