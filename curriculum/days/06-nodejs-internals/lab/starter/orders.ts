// Given: the order data the service imports and exports. You do not need to change this file.

export interface Order {
  id: string;
  customer: string;
  sku: string;
  qty: number;
  priceCents: number;
  createdAt: string;
}

/** What `POST /orders/import` answers for a valid body. */
export interface ImportSummary {
  /** Number of orders in the body. */
  count: number;
  /** Sum of qty × priceCents over all orders. */
  totalCents: number;
  /** Number of distinct SKUs. */
  skus: number;
}

/** The body is JSON, but not an array of well-formed orders. */
export class InvalidOrdersError extends Error {
  override name = 'InvalidOrdersError';
}

/** `count` deterministic orders: the same count always gives the same orders. */
export function makeOrders(count: number): Order[] {
  const orders: Order[] = [];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count; i++) {
    orders.push({
      id: `ord-${String(i).padStart(7, '0')}`,
      customer: `cus-${(i * 7919) % 1009}`,
      sku: `SKU-${(i * 31) % 257}`,
      qty: 1 + (i % 5),
      priceCents: 199 + ((i * 7727) % 49_800),
      createdAt: new Date(start + i * 61_000).toISOString(),
    });
  }
  return orders;
}

const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/**
 * Checks that `value` (a parsed JSON body) is an array of orders and reduces it to a summary.
 * Throws InvalidOrdersError, naming the first bad element, when it is not.
 */
export function summarizeOrders(value: unknown): ImportSummary {
  if (!Array.isArray(value)) throw new InvalidOrdersError('the body must be a JSON array of orders');
  let totalCents = 0;
  const skus = new Set<string>();
  value.forEach((order: unknown, i) => {
    const o = order as Partial<Record<keyof Order, unknown>> | null;
    if (typeof o !== 'object' || o === null || typeof o.id !== 'string' || typeof o.sku !== 'string' || !isCount(o.qty) || !isCount(o.priceCents)) {
      throw new InvalidOrdersError(`order ${i} must have a string id and sku and non-negative integer qty and priceCents`);
    }
    totalCents += o.qty * o.priceCents;
    skus.add(o.sku);
  });
  return { count: value.length, totalCents, skus: skus.size };
}
