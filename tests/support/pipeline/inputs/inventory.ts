// TypeScript input: types, an interface, an enum, generics, `as` casts, non-null assertions,
// optional chaining and parameter properties around async methods with awaits in expressions.
// The harness provides log(); preset-typescript removes this declaration.
declare function log(...values: unknown[]): void;

interface Item {
  name: string;
  count: number;
  supplier?: { name: string; rating?: number };
}

enum Level {
  Low = 'low',
  High = 'high',
}

type Loader<T> = (key: string) => Promise<T>;

class Inventory {
  private readonly items = new Map<string, Item>();

  constructor(private readonly load: Loader<Item | undefined>, public label: string) {}

  async restock(key: string, extra: number): Promise<number> {
    const item = ((await this.load(key)) as Item | undefined) ?? ({ name: key, count: 0 } as Item);
    const total: number = item.count + (await Promise.resolve(extra as unknown as number));
    this.items.set(key, { ...item, count: total });
    log(`${this.label}: ${key} -> ${total}`, item.supplier?.name ?? 'no supplier', item.supplier?.rating?.toFixed(1));
    return total;
  }

  async level(key: string): Promise<Level> {
    const count = this.items.get(key)?.count ?? (await this.restock(key, 1));
    return count > 5 ? Level.High : Level.Low;
  }

  summary(): string {
    return [...this.items.values()].map((item) => `${item.name}=${item.count}`).join(',');
  }
}

const stock: Record<string, Item> = {
  bolts: { name: 'bolts', count: 4, supplier: { name: 'acme', rating: 4.25 } },
  nuts: { name: 'nuts', count: 1, supplier: { name: 'nutco' } },
};

async function loadItem(key: string): Promise<Item | undefined> {
  await null;
  return stock[key];
}

async function main(): Promise<void> {
  const inventory = new Inventory(loadItem, 'shop');
  const levels: Level[] = [];
  for (const key of ['bolts', 'nuts', 'washers'] as const) {
    await inventory.restock(key, key.length);
    levels.push(await inventory.level(key)!);
  }
  log('levels', levels, inventory.summary(), (await inventory.level('screws')) as string);
}

main().then(() => log('done'), (error: unknown) => log('failed', error as Error));
Promise.resolve().then(() => log('concurrent tick'));
