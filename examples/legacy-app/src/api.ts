/**
 * The service's API without the HTTP server: a request (method, path, JSON body) in, a
 * response (status, JSON body) out. The web layer maps HTTP onto this one function.
 */
import { adjustStock, transferStock } from './adjustments';
import { addSupplier, findProduct, importProducts, NewProduct } from './catalog';
import { cancelOrder, createOrder, getOrder, OrderLineInput } from './purchasing';
import { receiveDelivery, Delivery } from './receiving';
import { movementHistory, stockStatus } from './reports';
import { schemaStatus } from './setup';
import { stockByWarehouse } from './stock';
import { MovementReason } from './schema';

export interface ApiRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

export interface ApiResponse {
  status: number;
  body: unknown;
}

/** A request the service refuses, with the status to answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Handler = (params: string[], body: Record<string, unknown>) => Promise<unknown>;

const routes: [ApiRequest['method'], RegExp, Handler][] = [
  ['GET', /^\/health$/, () => schemaStatus()],
  ['POST', /^\/suppliers$/, async (_, b) => ({ id: await addSupplier(str(b, 'name'), (b.email as string | undefined) ?? null) })],
  ['POST', /^\/products$/, async (_, b) => {
    await importProducts(list(b, 'products') as NewProduct[]);
    return { imported: list(b, 'products').length };
  }],
  ['GET', /^\/products\/([A-Z0-9-]+)$/, async ([sku]) => (await findProduct(sku)) ?? notFound(`no product ${sku}`)],
  ['GET', /^\/products\/([A-Z0-9-]+)\/stock$/, async ([sku]) => {
    const product = (await findProduct(sku)) ?? notFound(`no product ${sku}`);
    return stockByWarehouse(product.id);
  }],
  ['POST', /^\/purchase-orders$/, async (_, b) => ({ id: await createOrder(num(b, 'supplierId'), num(b, 'warehouseId'), list(b, 'lines') as OrderLineInput[]) })],
  ['GET', /^\/purchase-orders\/(\d+)$/, async ([id]) => (await getOrder(Number(id))) ?? notFound(`no purchase order ${id}`)],
  ['POST', /^\/purchase-orders\/(\d+)\/receive$/, async ([id], b) => receiveDelivery(Number(id), list(b, 'items') as Delivery[])],
  ['POST', /^\/purchase-orders\/(\d+)\/cancel$/, async ([id]) => ((await cancelOrder(Number(id))) ? { cancelled: true } : conflict(`purchase order ${id} is not open`))],
  ['POST', /^\/stock\/adjust$/, async (_, b) => {
    const product = (await findProduct(str(b, 'sku'))) ?? notFound(`no product ${String(b.sku)}`);
    const level = await adjustStock({ productId: product.id, warehouseId: num(b, 'warehouseId'), delta: num(b, 'delta'), reason: str(b, 'reason') as MovementReason, reference: (b.reference as string | undefined) ?? null });
    return { level };
  }],
  ['POST', /^\/stock\/transfer$/, async (_, b) => {
    const product = (await findProduct(str(b, 'sku'))) ?? notFound(`no product ${String(b.sku)}`);
    await transferStock(product.id, num(b, 'from'), num(b, 'to'), num(b, 'quantity'), str(b, 'reference'));
    return stockByWarehouse(product.id);
  }],
  ['GET', /^\/reports\/stock-status$/, () => stockStatus()],
  ['GET', /^\/reports\/movements$/, () => movementHistory()],
];

/** Answers one request. Bad input is a 400 with the reason; unexpected failures propagate. */
export async function handle(req: ApiRequest): Promise<ApiResponse> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { status: 400, body: { error: 'the request body must be a JSON object' } };
  for (const [method, pattern, handler] of routes) {
    const m = pattern.exec(req.path);
    if (!m || method !== req.method) continue;
    try {
      return { status: req.method === 'POST' ? 201 : 200, body: await handler(m.slice(1), body) };
    } catch (e) {
      if (e instanceof ApiError) return { status: e.status, body: { error: e.message } };
      // The services refuse bad input with a plain Error; anything else (a database failure) is not the client's fault.
      if (e instanceof Error && e.constructor === Error) return { status: 400, body: { error: e.message } };
      throw e;
    }
  }
  return { status: 404, body: { error: `no route for ${req.method} ${req.path}` } };
}

function notFound(message: string): never {
  throw new ApiError(404, message);
}
function conflict(message: string): never {
  throw new ApiError(409, message);
}
function str(b: Record<string, unknown>, key: string): string {
  if (typeof b[key] !== 'string') throw new ApiError(400, `"${key}" must be a string`);
  return b[key] as string;
}
function num(b: Record<string, unknown>, key: string): number {
  if (typeof b[key] !== 'number') throw new ApiError(400, `"${key}" must be a number`);
  return b[key] as number;
}
function list(b: Record<string, unknown>, key: string): unknown[] {
  if (!Array.isArray(b[key])) throw new ApiError(400, `"${key}" must be a list`);
  return b[key] as unknown[];
}
