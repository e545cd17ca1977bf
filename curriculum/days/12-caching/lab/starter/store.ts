// The catalogue the API serves: an in-memory stand-in for a database with a realistic delay.
// Given code: you do not need to edit this file. createApp accepts any Store, so the checks hand it
// one that counts its reads and can hold a read or a commit half-way, the way a slow database does.
import { setTimeout as sleep } from 'node:timers/promises';

export interface Product {
  id: string;
  name: string;
  category: string;
  /** In cents. */
  price: number;
}

export type NewProduct = Omit<Product, 'id'>;
export type ProductPatch = Partial<NewProduct>;

export interface Order {
  id: string;
  userId: string;
  productId: string;
  quantity: number;
}

export interface ListFilter {
  category?: string;
  sort: 'id' | 'name' | 'price';
  limit: number;
}

export interface Store {
  /** The product, or undefined. */
  getProduct(id: string): Promise<Product | undefined>;
  /** Products matching the filter, sorted, at most `limit`. */
  listProducts(filter: ListFilter): Promise<Product[]>;
  /** Commits the change and returns the updated product, or undefined when there is none. */
  updateProduct(id: string, patch: ProductPatch): Promise<Product | undefined>;
  /** Commits a new product and returns it. */
  createProduct(input: NewProduct): Promise<Product>;
  /** One user's orders: private data. */
  ordersOf(userId: string): Promise<Order[]>;
  /** The user a bearer token belongs to, or undefined. */
  userForToken(token: string): Promise<string | undefined>;
}

const PRODUCTS: Product[] = [
  { id: '1', name: 'Kettle', category: 'kitchen', price: 3000 },
  { id: '2', name: 'Mug', category: 'kitchen', price: 800 },
  { id: '3', name: 'Hammer', category: 'tools', price: 1500 },
  { id: '4', name: 'Screwdriver set', category: 'tools', price: 2200 },
];

const ORDERS: Order[] = [
  { id: 'o-1', userId: 'alice', productId: '1', quantity: 1 },
  { id: 'o-2', userId: 'alice', productId: '2', quantity: 4 },
  { id: 'o-3', userId: 'bob', productId: '3', quantity: 1 },
];

/** Bearer tokens of the two seeded users. */
export const TOKENS: Readonly<Record<string, string>> = { 'alice-token': 'alice', 'bob-token': 'bob' };

/** A fresh store seeded with products 1-4 and orders for alice and bob; every call waits `latencyMs`. */
export function createMemoryStore({ latencyMs = 20 }: { latencyMs?: number } = {}): Store {
  const products = new Map(PRODUCTS.map((p) => [p.id, { ...p }]));
  let nextId = PRODUCTS.length + 1;
  const io = () => sleep(latencyMs);
  return {
    async getProduct(id) {
      await io();
      const p = products.get(id);
      return p && { ...p };
    },
    async listProducts({ category, sort, limit }) {
      await io();
      return [...products.values()]
        .filter((p) => category === undefined || p.category === category)
        .sort((a, b) => (sort === 'price' ? a.price - b.price : sort === 'name' ? a.name.localeCompare(b.name) : Number(a.id) - Number(b.id)))
        .slice(0, limit)
        .map((p) => ({ ...p }));
    },
    async updateProduct(id, patch) {
      await io();
      const p = products.get(id);
      if (!p) return undefined;
      Object.assign(p, patch);
      return { ...p };
    },
    async createProduct(input) {
      await io();
      const p = { id: String(nextId++), ...input };
      products.set(p.id, p);
      return { ...p };
    },
    async ordersOf(userId) {
      await io();
      return ORDERS.filter((o) => o.userId === userId).map((o) => ({ ...o }));
    },
    async userForToken(token) {
      return TOKENS[token];
    },
  };
}
