// The tutorial's async class method (section 11). It says the method becomes
//   User.prototype.getName = function () { return Promise.resolve("Anoop"); };
// True for the value, but the method still has `this` and `super` after an await, and each call
// returns a new promise that is not Promise.resolve's (see "same promise?").
class Person {
  describe() {
    return "a person";
  }
}

class User extends Person {
  constructor(name) {
    super();
    this.name = name;
  }

  async getName() {
    return "Anoop";
  }

  async describe() {
    await null;
    return this.name + " is " + super.describe();
  }
}

async function main() {
  const user = new User("Anoop");
  const first = user.getName();
  console.log("a promise?", first instanceof Promise, "same promise?", first === user.getName());
  console.log(await first);
  console.log(await user.describe());
}

main();
