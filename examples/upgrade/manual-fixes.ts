/**
 * The hand edits that finish the upgrade of examples/legacy-app after
 * `retort-codemod all` has run over it: one entry per legacy code and file, each with the
 * reason a person (not the codemod) makes it and the exact text it changes in the
 * codemod's output. tests/codemods/legacy-app-e2e.test.ts applies them to a copy of the
 * app and runs its tests with RETORT_LEGACY=error and INVENTORY_FUTURE=1.
 *
 * Every fix says why it is a person's job (`kind`):
 * - `human`: the registry says no codemod can make it, and the codemod's report lists it;
 * - `not-reported`: the registry says a human makes it, but the codemod's report does not
 *   list it yet (its detector misses this form);
 * - `transform-gap`: the registry names a transform for the code, and that transform left
 *   this site for a human (the report lists it);
 * - `pending-transform`: the code's transform is not written yet; the edit is what it is
 *   meant to do. Only removed-status codes need one (legacy-status ones keep working in
 *   error mode). When the transform lands, its entries go.
 * - `follow-up`: no legacy site (`sites: 0`): an edit the codemod's rewrite asks of the code
 *   around it, such as a check of a relationship the typed models now type `T | null` where
 *   the 1.x class read as `any` (migration-guide/L404-untyped-models.md, "Pitfalls").
 *
 * An entry of a legacy-status code may have no edits: the site stays on the 1.x API, which
 * keeps working in error mode, and the entry records who is to change it.
 *
 * `sites` is how many call sites of legacy-sites.json (lines of `file` with `code`) the fix
 * covers. Each edit must find its text exactly `count` times (default once), so a change in
 * the codemod's output (a new transform, a different rewrite) fails the test here instead
 * of leaving a fix that silently does nothing.
 *
 * @example
 * import { applyManualFixes } from './manual-fixes';
 * applyManualFixes('/tmp/app-copy'); // after `retort-codemod all --json report.json .`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ManualFixKind = 'human' | 'not-reported' | 'transform-gap' | 'pending-transform' | 'follow-up';

export interface ManualEdit {
  readonly find: string;
  readonly replace: string;
  /** How many times `find` occurs (all are replaced); 1 unless given. */
  readonly count?: number;
}

export interface ManualFix {
  readonly code: string;
  /** Relative to the app's root. */
  readonly file: string;
  readonly kind: ManualFixKind;
  /** How many legacy call sites (lines) of this code in this file the fix covers. */
  readonly sites: number;
  /** What the person does and why the codemod cannot. */
  readonly why: string;
  readonly edits: readonly ManualEdit[];
}

export const MANUAL_FIXES: readonly ManualFix[] = [
  // ------------------------------------------------------------------ Core
  {
    code: 'L102',
    file: 'src/db.ts',
    kind: 'human',
    sites: 1,
    why: 'the MetaData stops carrying the engine; the schema operations and statements that relied on it are given the engine (setup.ts, reports.ts)',
    edits: [{ find: 'export const metadata = new MetaData({ bind: engine });', replace: 'export const metadata = new MetaData();' }],
  },
  {
    code: 'L102',
    file: 'src/setup.ts',
    kind: 'human',
    sites: 2,
    why: 'createAll()/dropAll() are given the engine the bound MetaData used to supply',
    edits: [
      { find: 'await metadata.createAll();', replace: 'await metadata.createAll(engine);' },
      { find: 'await metadata.dropAll();', replace: 'await metadata.dropAll(engine);' },
    ],
  },
  {
    code: 'L103',
    file: 'src/setup.ts',
    kind: 'human',
    sites: 1,
    why: 'the seed INSERT ran outside a transaction and was autocommitted; it gets a transaction of its own',
    edits: [
      {
        find: '    const conn = await engine.connect();\n    try {\n      await conn.execute(insert(warehouses), ',
        replace: '    await engine.begin(async (conn) => {\n      await conn.execute(insert(warehouses), ',
      },
      { find: '    } finally {\n      await conn.close();\n    }\n  }\n}', replace: '    });\n  }\n}' },
    ],
  },
  {
    code: 'L103',
    file: 'src/movements.ts',
    kind: 'human',
    sites: 1,
    why: 'logMovement() relied on the INSERT autocommitting; it now says so with a transaction of its own',
    edits: [
      {
        find:
          '  const conn = await engine.connect();\n  try {\n    await conn.execute(insert(stockMovements).values({ productId, warehouseId, delta, reason, reference }));\n  } finally {\n    await conn.close();\n  }\n',
        replace: '  await engine.begin((conn) => conn.execute(insert(stockMovements).values({ productId, warehouseId, delta, reason, reference })));\n',
      },
    ],
  },
  {
    code: 'L103',
    file: 'src/movements.ts',
    kind: 'human',
    sites: 1,
    why: 'purgeMovements() asked for autocommit: the connection begins a transaction instead',
    edits: [{ find: '    const autocommitting = conn.executionOptions({ autocommit: true });\n', replace: '    const tx = await conn.begin();\n' }],
  },
  {
    code: 'L103',
    file: 'src/movements.ts',
    kind: 'human',
    sites: 1,
    why: "the DELETE that ran on the autocommitting connection runs in that transaction, committed before the connection goes",
    edits: [
      { find: 'const result = await autocommitting.execute(', replace: 'const result = await conn.execute(' },
      { find: '    return result.rowCount;\n  } finally {\n    await conn.close();', replace: '    await tx.commit();\n    return result.rowCount;\n  } finally {\n    await conn.close();' },
    ],
  },
  {
    code: 'L106',
    file: 'src/adjustments.ts',
    kind: 'human',
    sites: 1,
    why: 'applyMovement() began a "subtransaction" inside its callers\' transactions; every caller now owns the transaction (engine.begin), so it runs on the connection as given',
    edits: [
      {
        find:
          '  const tx = await conn.begin();\n  try {\n    const level = (await levelOn(conn, m.productId, m.warehouseId)) + m.delta;\n    await writeLevel(conn, m.productId, m.warehouseId, level);\n    await recordMovement(conn, m);\n    await tx.commit();\n    return level;\n  } catch (e) {\n    await tx.rollback();\n    throw e;\n  }\n',
        replace: '  const level = (await levelOn(conn, m.productId, m.warehouseId)) + m.delta;\n  await writeLevel(conn, m.productId, m.warehouseId, level);\n  await recordMovement(conn, m);\n  return level;\n',
      },
    ],
  },
  {
    code: 'L102',
    file: 'src/reports.ts',
    kind: 'human',
    sites: 1,
    why: 'stmt.execute() found the engine through the bound MetaData; the report reads on a connection of the engine',
    edits: [{ find: 'const rows = (await stmt.execute()).all();', replace: 'const rows = (await engine.begin((conn) => conn.execute(stmt))).all();' }],
  },

  // ------------------------------------------------------------------ ORM
  {
    code: 'L407',
    file: 'src/models.ts',
    kind: 'human',
    sites: 1,
    why: "the suppliers' dynamic orders collection stays one: typed-models declares it with the shim's dynamic<PurchaseOrder>() (legacy status: it keeps working in error mode). Its one reader in purchasing.ts is a select() with withParent() after the codemod (the parent is loaded there by the session it names), so moving the declaration to writeOnly() is a person's choice about the model, not a change of its callers",
    edits: [],
  },
  {
    code: 'L401',
    file: 'src/catalog.ts',
    kind: 'human',
    sites: 1,
    why: 'read sessions were autocommit sessions; a 2.0 session autobegins, and each read session is closed (its transaction ended) right after use',
    edits: [{ find: 'return new Session({ bind: engine, autocommit: true });', replace: 'return new Session({ bind: engine });' }],
  },
  {
    code: 'L309',
    file: 'src/catalog.ts',
    kind: 'human',
    sites: 1,
    why: 'a joined eager load of a collection repeats each supplier per product; loading the products with a second SELECT (selectin) needs no de-duplication. The Query chain stays a Query (legacy status) until the codemod runs again',
    edits: [
      { find: 'joinedLoad(Supplier.c.products)', replace: 'selectinLoad(Supplier.c.products)' },
      { find: "insert, joinedLoad } from 'retort/legacy';", replace: "insert, joinedLoad, selectinLoad } from 'retort/legacy';" },
    ],
  },
  {
    code: 'L403',
    file: 'src/purchasing.ts',
    kind: 'human',
    sites: 1,
    why: "a new line pointed at its order entered the order's session through the backref; in 2.0 it goes into the order's lines explicitly, and the session takes it from there at flush",
    edits: [
      {
        find: "      // Pointing the line at its order puts it in the order's lines (the backref), and in the order's session.\n      const line = new OrderLine({ productId: product.id, quantity: l.quantity, received: 0 });\n      line.order = order;\n",
        replace: '      order.lines.push(new OrderLine({ productId: product.id, quantity: l.quantity, received: 0 }));\n',
      },
    ],
  },
  {
    code: 'L402',
    file: 'src/purchasing.ts',
    kind: 'human',
    sites: 1,
    why: "addLines() opened a subtransaction to join its caller's transaction; a 2.0 session has one transaction (autobegun), so it flushes and leaves commit or rollback to the caller",
    edits: [
      {
        find: '  await session.begin({ subtransactions: true });\n  try {\n    for (const l of lines) {',
        replace: '  {\n    for (const l of lines) {',
      },
      { find: '    await session.commit();\n  } catch (e) {\n    await session.rollback();\n    throw e;\n  }\n}', replace: '    await session.flush();\n  }\n}' },
    ],
  },
  {
    code: 'L401',
    file: 'src/purchasing.ts',
    kind: 'human',
    sites: 1,
    why: 'createOrder() used an autocommit session and an explicit begin(); the 2.0 session autobegins with its first query',
    edits: [{ find: '  const session = new Session({ bind: engine, autocommit: true });\n  try {\n    await session.begin();\n', replace: '  const session = new Session({ bind: engine });\n  try {\n' }],
  },
  {
    code: 'L404',
    file: 'src/purchasing.ts',
    kind: 'follow-up',
    sites: 0,
    why: "the typed models type an order's supplier and warehouse and a line's product as `T | null` (1.x read them as any); their foreign keys are NOT NULL and getOrder() loads them, so the reads assert they are there",
    edits: [
      { find: 'supplier: order.supplier.name_,', replace: 'supplier: order.supplier!.name_,' },
      { find: 'warehouse: order.warehouse.code,', replace: 'warehouse: order.warehouse!.code,' },
      { find: 'sku: line.product.sku,', replace: 'sku: line.product!.sku,' },
    ],
  },
  {
    code: 'L306',
    file: 'src/purchasing.ts',
    kind: 'human',
    sites: 1,
    why: 'fromSelf() re-ordered the latest orders oldest first in SQL; the list is short, so it is reversed after the query. The Query chain stays a Query (legacy status) until the codemod runs again',
    edits: [
      {
        find: 'const orders = await session.query(PurchaseOrder).orderBy(PurchaseOrder.c.id.desc()).limit(count).fromSelf().orderBy(PurchaseOrder.c.id).all();',
        replace: 'const orders = (await session.query(PurchaseOrder).orderBy(PurchaseOrder.c.id.desc()).limit(count).all()).reverse();',
      },
    ],
  },
  {
    code: 'L310',
    file: 'src/catalog.ts',
    kind: 'human',
    sites: 1,
    why: 'applyPriceList() saves products its own session loaded and changed; whether bulkSaveObjects() can simply go (the commit flushes them) is the author\'s call, so it stays on the 1.x session method (legacy status)',
    edits: [],
  },
];

/** The number of times `needle` occurs in `text`. */
function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * Applies the fixes, in order, to the app at `appDir`. Throws naming the fix whose text is
 * not found the expected number of times; files are written only when every fix applied.
 */
export function applyManualFixes(appDir: string, fixes: readonly ManualFix[] = MANUAL_FIXES): void {
  const texts = new Map<string, string>();
  for (const fix of fixes) {
    let text = texts.get(fix.file) ?? readFileSync(join(appDir, fix.file), 'utf8');
    for (const edit of fix.edits) {
      const found = occurrences(text, edit.find);
      const count = edit.count ?? 1;
      if (found !== count) throw new Error(`manual fix ${fix.code} in ${fix.file}: expected ${count} occurrence(s) of ${JSON.stringify(edit.find)}, found ${found}`);
      text = text.split(edit.find).join(edit.replace);
    }
    texts.set(fix.file, text);
  }
  for (const [file, text] of texts) writeFileSync(join(appDir, file), text);
}
