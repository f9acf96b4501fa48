import { assertNever, NotFoundError, type Row, UnsupportedError } from "@strata/core";
import type { Plan, ReadAfterWrite } from "../plan/types.ts";
import { execKv } from "./kv/index.ts";
import { loadIncludes, readRows, readRowsNow, runStep, strip } from "./read.ts";
import { execOp, type Runtime, upsertOnce } from "./runtime.ts";

/**
 * The exec phase: runs a plan with this call's values. A single-statement
 * read on a synchronous driver is answered without the async layers below
 * (about 1/3 of Strata's overhead on a SQLite point read).
 */
export function execPlan(rt: Runtime, plan: Plan, values: readonly unknown[], model: string): Promise<unknown> {
  if (plan.kind === "read") {
    try {
      const rows = readRowsNow(rt, plan.node, values, plan.mode !== "many");
      if (rows !== undefined) return Promise.resolve(readResult(plan, strip(rows, plan.node.hidden), model));
    } catch (err) {
      return Promise.reject(err);
    }
  }
  return execPlanAsync(rt, plan, values, model);
}

/** What a read plan returns from its rows: the list, or the first row (null, or NotFoundError when asked). */
function readResult(plan: Plan & { kind: "read" }, rows: Row[], model: string): unknown {
  if (plan.mode === "many") return rows;
  const row = rows[0] ?? null;
  if (row === null && plan.orThrow) throw new NotFoundError(model);
  return row;
}

async function execPlanAsync(rt: Runtime, plan: Plan, values: readonly unknown[], model: string): Promise<unknown> {
  switch (plan.kind) {
    case "read":
      return readResult(plan, strip(await readRows(rt, plan.node, values), plan.node.hidden), model);
    case "count": {
      const { rows } = await runStep(rt, plan.step, values, {});
      return Number(rows[0]?.count ?? 0);
    }
    case "affected": {
      const { rowsAffected } = await runStep(rt, plan.step, values, {}, "affected");
      return { count: rowsAffected };
    }
    case "createMany": {
      const rows = values[0] as readonly (readonly unknown[])[];
      if (rows.length === 0) return { count: 0 };
      const { columns, insert, inPlace } = plan.create;
      // The rows are the engine's own (simplify aligned them), so where each column comes from its own value they are encoded in place.
      const encoded = inPlace ? (rows as unknown[][]) : rows.map((row) => columns.map((make) => make(row, values)));
      if (inPlace)
        for (const row of encoded) for (let c = 0; c < columns.length; c++) row[c] = columns[c]!(row, values);
      const { rowsAffected } = await execOp(rt, { ...insert, rows: encoded });
      return { count: rowsAffected };
    }
    case "create": {
      const row = plan.rowOf(values);
      const { columns, insert, decode, key } = plan.create;
      const params = columns.map((make) => make(row, values));
      if (plan.readBack) {
        // The insert alone is atomic; reading the row back by its key needs no transaction around it.
        const res = await execOp(rt, { ...insert, rows: [params] });
        const readKey = key.map((k) => k(params, res.lastInsertId));
        const created = (await readRows(rt, plan.readBack, values, { key: readKey }))[0];
        if (!created) throw new NotFoundError(model, `The new ${model} record could not be read back by its key.`);
        return afterWrite(rt, plan.after, created, values);
      }
      const { rows } = await execOp(rt, { ...insert, rows: [params] });
      const created = rows[0];
      if (!created) throw new UnsupportedError("returning", "the backend returned no row for the insert");
      decode(created);
      return afterWrite(rt, plan.after, created, values);
    }
    case "updateByKey":
      return rt.atomic(async (tx) => {
        const found = (await runStep(tx, plan.find, values, {})).rows[0];
        if (!found) throw new NotFoundError(model, `No ${model} record matched the update's where.`);
        const oldKey = Object.values(found);
        // The update checks the where again: a concurrent writer may have changed the row since it was found.
        const { rowsAffected } = await runStep(tx, plan.update, values, { key: oldKey }, "affected");
        if (rowsAffected === 0) throw new NotFoundError(model, `No ${model} record matched the update's where.`);
        const updated = (await readRows(tx, plan.read, values, { key: plan.newKey(values, oldKey) }))[0];
        if (!updated) throw new NotFoundError(model, `The updated ${model} record could not be read back by its key.`);
        return afterWrite(tx, plan.after, updated, values);
      });
    case "update": {
      const { rows } = await runStep(rt, plan.step, values, {});
      const updated = rows[0];
      if (!updated) throw new NotFoundError(model, `No ${model} record matched the update's where.`);
      plan.decode(updated);
      return afterWrite(rt, plan.after, updated, values);
    }
    case "delete":
      return rt.atomic(async (tx) => {
        const found = strip(await readRows(tx, plan.find, values), plan.find.hidden)[0];
        if (!found) throw new NotFoundError(model, `No ${model} record matched the delete's where.`);
        // The delete checks the where itself: of concurrent deleters of one row, only one removes it.
        const { rowsAffected } = await runStep(tx, plan.step, values, {}, "affected");
        if (rowsAffected === 0) throw new NotFoundError(model, `No ${model} record matched the delete's where.`);
        return found;
      });
    case "kv":
      return execKv(rt, plan.kv, values, model, (m) => rt.idFields(m));
    case "upsertNative": {
      if (!plan.sameKey(values)) return execPlanAsync(rt, plan.fallback, values, model);
      const readBack = plan.readBack;
      if (readBack) {
        return rt.atomic(async (tx) => {
          await runStep(tx, plan.step, values, {}, "affected");
          const row = (await readRows(tx, readBack, values))[0];
          if (!row) throw new NotFoundError(model, `The upserted ${model} record could not be read back.`);
          return afterWrite(tx, plan.after, row, values);
        });
      }
      const { rows } = await runStep(rt, plan.step, values, {});
      const row = rows[0];
      if (!row) throw new UnsupportedError("returning", "the backend returned no row for the upsert");
      plan.decode(row);
      return afterWrite(rt, plan.after, row, values);
    }
    case "upsert":
      return upsertOnce(rt, () =>
        rt.atomic(async (tx) => {
          const found = await readRows(tx, plan.find, values);
          return execPlan(tx, found.length > 0 ? plan.update : plan.create, values, model);
        }),
      );
    default:
      return assertNever(plan, "plan kind");
  }
}

async function afterWrite(rt: Runtime, after: ReadAfterWrite, row: Row, values: readonly unknown[]): Promise<Row> {
  if (after.includes.length > 0) await loadIncludes(rt, after.includes, [row], values);
  const out: Row = {};
  for (const key of after.keep) out[key] = row[key];
  return out;
}
