import {
  type Expr,
  type GetByKey,
  type ModelIndex,
  type Operation,
  type SortKeyCondition,
  UnsupportedError,
} from "@strata/core";
import { fieldEncoder } from "../../lower/codec.ts";
import type { NormFilter } from "../../simplify/normalized.ts";
import type { PlanContext } from "../sql/context.ts";
import type { ExecInput } from "../types.ts";
import { fitsFilter, type PushedFilter, pushdownFilter } from "./filter.ts";
import type { KvAccess } from "./types.ts";

type Encode = (v: unknown) => unknown;

/** Top-level conjuncts of a where. */
export function conjuncts(where: NormFilter | null): NormFilter[] {
  if (!where) return [];
  return where.k === "and" ? where.items : [where];
}

interface Candidate {
  access: KvAccess;
  cost: number;
  /** Conjuncts the key condition consumed (not repeated in the filter). */
  consumed: NormFilter[];
}

export interface AccessRequest {
  pc: PlanContext & { allowScan: boolean };
  model: ModelIndex;
  where: NormFilter | null;
  /** Single-field sort wanted from the backend, if any. */
  order?: { field: string; dir: "asc" | "desc" } | undefined;
}

function enc(pc: PlanContext, model: ModelIndex, field: string): Encode {
  return fieldEncoder(pc.capability, model.field(field));
}

/**
 * The index planner: every way to reach the items is costed with
 * Capability.cost (key lookup < index seek < scan per row) and the cheapest
 * wins. A scan is only chosen when the user allowed it; otherwise the error
 * names the index that would serve the query.
 */
export function chooseAccess(req: AccessRequest): KvAccess {
  const { pc, model, where } = req;
  const candidates = [...keyCandidates(req), ...orCandidate(req)];
  candidates.sort((a, b) => a.cost - b.cost);
  const best = candidates[0];
  if (best) return best.access;
  if (!pc.allowScan) {
    throw new UnsupportedError("scan", scanRefusal(model, where, req.order?.field));
  }
  return scanAccess(pc, model, where, "no key or index condition matches this where; scanning (allowScan)");
}

function scanRefusal(model: ModelIndex, where: NormFilter | null, orderField: string | undefined): string {
  const eq = conjuncts(where).find((c) => c.k === "cmp" && c.op === "eq");
  const field = eq && eq.k === "cmp" ? eq.field : orderField;
  const hint = field
    ? `add @index(["${field}"]) to ${model.name} (a secondary index) so this becomes an index query`
    : `filter on ${model.name}'s id or an indexed field`;
  return `This ${model.name} query would scan the whole table on this backend. To serve it, ${hint}; or pass allowScan: true (on the client or the query) to accept a scan.`;
}

function keyCandidates(req: AccessRequest): Candidate[] {
  const { pc, model, where } = req;
  const items = conjuncts(where);
  const eq = new Map<string, NormFilter & { k: "cmp" }>();
  const inList = new Map<string, NormFilter & { k: "in" }>();
  for (const c of items) {
    if (c.k === "cmp" && c.op === "eq") eq.set(c.field, c);
    if (c.k === "in" && !c.negated) inList.set(c.field, c);
  }
  const out: Candidate[] = [];
  const cost = pc.capability.cost;
  const id = model.def.id;
  if (id.every((f) => eq.has(f))) {
    const consumed = id.map((f) => eq.get(f)!);
    out.push({
      access: getByKeys(
        pc,
        model,
        id,
        consumed.map((c) => c.slot),
        false,
        "the full primary key is given",
      ),
      cost: cost.keyLookup,
      consumed,
    });
  }
  if (id.length === 1 && inList.has(id[0]!)) {
    const c = inList.get(id[0]!)!;
    out.push({
      access: getByKeys(
        pc,
        model,
        id,
        [c.slot],
        true,
        "an `in` list over the primary key fans out into batched key lookups",
      ),
      cost: cost.keyLookup * 10,
      consumed: [c],
    });
  }
  for (const idx of model.def.indexes) {
    if (!idx.unique || idx.fields.length !== 1) continue;
    const field = idx.fields[0]!;
    const c = eq.get(field);
    if (c)
      out.push({
        access: getByKeys(pc, model, [field], [c.slot], false, `unique field ${field} is given`),
        cost: cost.keyLookup * 2,
        consumed: [c],
      });
  }
  const partition = id.length > 1 ? eq.get(id[0]!) : undefined;
  if (partition) out.push(queryCandidate(req, null, id, partition, items, cost.indexSeek));
  for (const idx of model.def.indexes) {
    if (idx.unique) continue;
    const c = eq.get(idx.fields[0]!);
    if (c) out.push(queryCandidate(req, idx.name, idx.fields, c, items, cost.indexSeek * 1.5));
  }
  return out;
}

/** `OR` of branches that each have a key access: fan out and merge by key. */
function orCandidate(req: AccessRequest): Candidate[] {
  const { where } = req;
  if (where?.k !== "or") return [];
  const branches = where.items.map((item) => keyCandidates({ ...req, where: item }).sort((a, b) => a.cost - b.cost)[0]);
  if (branches.some((b) => b === undefined)) return [];
  const chosen = branches as Candidate[];
  const access: KvAccess = {
    kind: chosen[0]!.access.kind,
    build: (values, input) => chosen.flatMap((b) => b.access.build(values, input)),
    template: chosen[0]!.access.template,
    why: `OR fanned out over ${chosen.length} key accesses: ${chosen.map((b) => b.access.why).join("; ")}`,
    ordered: false,
    exact: false,
  };
  return [{ access, cost: chosen.reduce((sum, b) => sum + b.cost, 0), consumed: [] }];
}

function getByKeys(
  pc: PlanContext,
  model: ModelIndex,
  fields: readonly string[],
  slots: number[],
  list: boolean,
  why: string,
): KvAccess {
  const table = model.def.table;
  const columns = fields.map((f) => model.column(f));
  const encoders = fields.map((f) => enc(pc, model, f));
  const build = (values: readonly unknown[]): Operation[] => {
    const keys = list
      ? (values[slots[0]!] as unknown[]).map((v) => ({ [columns[0]!]: encoders[0]!(v) }))
      : [Object.fromEntries(columns.map((c, i) => [c, encoders[i]!(values[slots[i]!])]))];
    const op: GetByKey = { kind: "GetByKey", table, keys };
    return [op];
  };
  return {
    kind: "GetByKey",
    build,
    template: { kind: "GetByKey", table, keys: [] },
    why,
    ordered: false,
    exact: false,
  };
}

function queryCandidate(
  req: AccessRequest,
  index: string | null,
  keyFields: readonly string[],
  partition: NormFilter & { k: "cmp" },
  items: NormFilter[],
  baseCost: number,
): Candidate {
  const { pc, model } = req;
  const table = model.def.table;
  const sortField = keyFields[1];
  const sortConds = sortField
    ? items.filter((c): c is NormFilter & { k: "cmp" } => c.k === "cmp" && c.field === sortField && c.op !== "ne")
    : [];
  const sortCond = sortConds[0];
  const consumed: NormFilter[] = [partition, ...(sortCond ? [sortCond] : [])];
  const rest = items.filter((c) => !consumed.includes(c));
  const pushed = pushdownFilter(pc, model, rest);
  const pkEncode = enc(pc, model, partition.field);
  const skEncode = sortField ? enc(pc, model, sortField) : undefined;
  const ordered = req.order !== undefined && req.order.field === sortField;
  const descending = ordered && req.order?.dir === "desc";
  // With no filter left, the key condition is the whole where: a limit can go to the backend.
  const unfiltered = rest.length === 0;
  const build = (values: readonly unknown[], input: ExecInput): Operation[] => {
    const base = {
      table,
      partition: { attribute: model.column(partition.field), value: pkEncode(values[partition.slot]) },
      ...(sortCond && sortField && skEncode
        ? { sort: sortCondition(model.column(sortField), sortCond, skEncode(values[sortCond.slot])) }
        : {}),
      ...pushedPart(pc, pushed, values),
      ...(descending ? { descending: true } : {}),
      ...(unfiltered && input.limit !== undefined ? { limit: input.limit } : {}),
    };
    return [index ? { kind: "QueryIndex", index, ...base } : { kind: "QueryPk", ...base }];
  };
  const template: Operation = index
    ? { kind: "QueryIndex", index, table, partition: { attribute: model.column(partition.field), value: undefined } }
    : { kind: "QueryPk", table, partition: { attribute: model.column(partition.field), value: undefined } };
  const why = index
    ? `index ${index} has ${partition.field} as its partition key${sortCond ? ` and ${sortField} as its sort key` : ""}`
    : `the partition key ${partition.field} is given${sortCond ? ` with a condition on the sort key ${sortField}` : ""}`;
  const access: KvAccess = {
    kind: index ? "QueryIndex" : "QueryPk",
    build,
    template,
    why,
    ordered,
    exact: pushed?.complete === true,
  };
  // A sort key condition narrows the read; prefer it among equal indexes.
  return { access, cost: baseCost - (sortCond ? 0.1 : 0), consumed };
}

function sortCondition(attribute: string, c: NormFilter & { k: "cmp" }, value: unknown): SortKeyCondition {
  const ops = { eq: "=", lt: "<", lte: "<=", gt: ">", gte: ">=" } as const;
  return { attribute, op: ops[c.op as keyof typeof ops], values: [value] };
}

export function scanAccess(pc: PlanContext, model: ModelIndex, where: NormFilter | null, why: string): KvAccess {
  const table = model.def.table;
  const pushed = pushdownFilter(pc, model, conjuncts(where));
  return {
    kind: "Scan",
    build: (values, input) => [
      {
        kind: "Scan",
        table,
        ...pushedPart(pc, pushed, values),
        ...(where === null && input.limit !== undefined ? { limit: input.limit } : {}),
      },
    ],
    template: { kind: "Scan", table },
    why,
    ordered: false,
    exact: pushed?.complete === true,
  };
}

/**
 * The filter sent with a read, when it fits the backend's expression limits.
 * One that does not (an `in` of 70,000 values) is left out: the engine
 * tests every row against the whole where in memory anyway.
 */
function pushedPart(
  pc: PlanContext,
  pushed: PushedFilter | null,
  values: readonly unknown[],
): { filter?: Expr; filterParams?: unknown[] } {
  if (!pushed) return {};
  const filterParams = pushed.params(values);
  return fitsFilter(pushed.filter, filterParams, pc.capability.filterLimits)
    ? { filter: pushed.filter, filterParams }
    : {};
}
