'use strict';
class Account {
  constructor(name, balance) { this.name = name; this.balance = balance; }
  async deposit(amount) {
    await null;
    this.balance += amount;
    log(`${this.name} +${amount} -> ${this.balance}`);
    return this.balance;
  }
  static async open(name) { const account = new Account(name, 0); await account.deposit(10); return account; }
}
async function main() {
  const readers = [];
  for (let i = 0; i < 3; i++) { await null; readers.push(() => i); }
  log('readers', readers.map((r) => r()));
  const { a, b: [first, ...others] } = { a: 1, b: [2, 3, 4] };
  log('destructured', a, first, others);
  const merged = [...others, ...(await Promise.resolve([5, 6]))];
  log('spread', merged, Math.max(...merged));
  for (const value of [1, 2, 3, 4]) { if (value === 3) break; log('of', await value); }
  const account = await Account.open('ann');
  await account.deposit(5);
}
main().then(() => log('done'));
Promise.resolve().then(() => log('other'));
