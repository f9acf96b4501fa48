import type { ExecResponse, Operation, Row } from "@strata/core";
import type { KvAccess, KvDecode, KvInclude, KvReadNode } from "../../plan/kv/types.ts";
import type { ExecInput } from "../../plan/types.ts";
import { execOp, type Runtime } from "../runtime.ts";
import { evaluate, rowComparator } from "./evaluate.ts";

const NO_INPUT: ExecInput = {};

/** Runs an access's operations and merges their items by primary key (an OR fan-out may find one twice). */
async function fetchRows(
  rt: Runtime,
  access: KvAccess,
  decode: KvDecode,
  keyFields: readonly string[],
  values: readonly unknown[],
  input: ExecInput,
): Promise<Row[]> {
  const ops = access.build(values, input);
  const seen = new Set<string>();
  const rows: Row[] = [];
  for (const res of await inWaves(rt, ops)) {
    for (const item of res.rows) {
      const row = decode(item);
      if (ops.length > 1) {
        const key = JSON.stringify(keyFields.map((f) => String(row[f])));
        if (seen.has(key)) continue;
        seen.add(key);
      }
      rows.push(row);
    }
  }
  return rows;
}

/**
 * How many of one access's operations run at once. An include over an index
 * is one Query per parent key: they are independent, so they go out
 * together instead of one round trip after another, a bounded number at a
 * time so a large include does not open hundreds of sockets.
 */
export const PARALLEL_READS = 16;

/**
 * Runs read operations, at most PARALLEL_READS at a time, and returns their
 * responses in operation order (so merging is the same as one by one). Every
 * started operation settles before the first failure is thrown: nothing is
 * left running behind the caller's back.
 */
async function inWaves(rt: Runtime, ops: readonly Operation[]): Promise<ExecResponse[]> {
  if (ops.length === 1) return [await execOp(rt, ops[0]!)];
  const out = new Array<ExecResponse>(ops.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < ops.length && !failure) {
      const i = next++;
      try {
        out[i] = await execOp(rt, ops[i]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, ops.length) }, worker));
  if (failure) throw failure.error;
  return out;
}

/** What the backend could not do: filter, order, cursor, paging. */
async function shape(
  rt: Runtime,
  node: KvReadNode,
  rows: Row[],
  values: readonly unknown[],
  idFields: readonly string[],
): Promise<Row[]> {
  let out = node.where ? rows.filter((r) => evaluate(node.where!, r, values) === true) : rows;
  if (node.orderBy.length > 0) out.sort(rowComparator(node.orderBy));
  if (node.cursor) {
    const found = await fetchRows(rt, node.cursor.access, node.decode, idFields, values, NO_INPUT);
    const cursorRow = found[0];
    if (!cursorRow) return [];
    const cmp = rowComparator(node.cursor.order);
    out = out.filter((r) => cmp(r, cursorRow) >= 0);
  }
  const skip = node.skip === null ? 0 : (values[node.skip] as number);
  const take = node.limitOne ? 1 : node.take === null ? undefined : (values[node.take] as number);
  if (skip > 0 || take !== undefined) out = out.slice(skip, take === undefined ? undefined : skip + take);
  return out;
}

/** A stable name for an item: its table and key. */
export function itemName(node: KvReadNode, row: Row, idFields: readonly string[]): string {
  return `${node.table}|${JSON.stringify(idFields.map((f) => String(row[f])))}`;
}

/** Inside a key-value transaction, the first version read of each versioned item is what its update will expect. */
function rememberVersions(rt: Runtime, node: KvReadNode, rows: Row[], idFields: readonly string[]): void {
  const buffer = rt.kvWrites;
  const version = node.version;
  if (!buffer || !version) return;
  for (const row of rows) buffer.remember(itemName(node, row, idFields), row[version.field]);
}

/** One key-value read level and its includes; rows keep every field (the caller projects). */
export async function kvReadRows(
  rt: Runtime,
  node: KvReadNode,
  values: readonly unknown[],
  idFields: (model: string) => readonly string[],
): Promise<Row[]> {
  const limit = limitOf(node, values);
  const input = limit === undefined ? NO_INPUT : { limit };
  const rows = await fetchRows(rt, node.access, node.decode, idFields(node.model), values, input);
  rememberVersions(rt, node, rows, idFields(node.model));
  const out = await shape(rt, node, rows, values, idFields(node.model));
  await kvLoadIncludes(rt, node.includes, out, values, idFields);
  return out;
}

/**
 * skip + take, when the first rows the backend returns are the rows the read
 * wants: no cursor, no in-memory sort, and either no order asked or the
 * partition's own sort key (unique within it, so no tie is cut arbitrarily).
 * An index's sort key is not unique: ties there are ordered by the id in
 * memory, so those reads still fetch every match.
 */
function limitOf(node: KvReadNode, values: readonly unknown[]): number | undefined {
  if (node.cursor || node.sortInMemory) return undefined;
  if (node.orderBy.length > 0 && !(node.access.kind === "QueryPk" && node.access.ordered)) return undefined;
  const take = node.limitOne ? 1 : node.take === null ? undefined : (values[node.take] as number);
  if (take === undefined) return undefined;
  return take + (node.skip === null ? 0 : (values[node.skip] as number));
}

/** One read per include level for all parents; filter, order and page per parent in memory. */
export async function kvLoadIncludes(
  rt: Runtime,
  includes: readonly KvInclude[],
  parents: Row[],
  values: readonly unknown[],
  idFields: (model: string) => readonly string[],
): Promise<void> {
  for (const inc of includes) {
    const keys = [...new Set(parents.map((p) => p[inc.parentField]).filter((k) => k !== null && k !== undefined))];
    const node = inc.node;
    const children =
      keys.length === 0
        ? []
        : await fetchRows(rt, node.access, node.decode, idFields(node.model), values, { parentKeys: keys });
    rememberVersions(rt, node, children, idFields(node.model));
    const groups = new Map<unknown, Row[]>();
    for (const child of children) {
      const k = child[inc.childField];
      const list = groups.get(k);
      if (list) list.push(child);
      else groups.set(k, [child]);
    }
    const kept: Row[] = [];
    for (const [k, list] of groups) {
      const shaped = await shape(rt, node, list, values, idFields(node.model));
      groups.set(k, shaped);
      kept.push(...shaped);
    }
    await kvLoadIncludes(rt, node.includes, kept, values, idFields);
    for (const child of kept) project(child, node.fields, node.includes);
    for (const p of parents) {
      const list = groups.get(p[inc.parentField]) ?? [];
      p[inc.relation] = inc.many ? list : (list[0] ?? null);
    }
  }
}

/** Keeps the selected fields and the included relations. */
export function project(row: Row, fields: readonly string[], includes: readonly { relation: string }[]): Row {
  for (const key of Object.keys(row)) {
    if (!fields.includes(key) && !includes.some((i) => i.relation === key)) delete row[key];
  }
  return row;
}
