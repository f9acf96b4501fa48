import type { ExecResponse, Row } from "@strata/core";
import type { ExecInput, IncludeEdge, ReadNode, SqlStep } from "../plan/types.ts";
import { enrichError, execOp, type Runtime } from "./runtime.ts";

export function bind(step: SqlStep, values: readonly unknown[], input: ExecInput): unknown[] {
  const out = new Array<unknown>(step.params.length);
  for (let i = 0; i < out.length; i++) out[i] = step.params[i]!(values, input);
  return out;
}

export async function runStep(
  rt: Runtime,
  step: SqlStep,
  values: readonly unknown[],
  input: ExecInput,
  result: "rows" | "affected" = "rows",
) {
  return execOp(rt, {
    kind: "QuerySql",
    statement: step.statement,
    params: bind(step, values, input),
    result,
    bigints: step.bigints,
  });
}

const NO_INPUT: ExecInput = {};

/**
 * One read level answered synchronously, when the target can (a synchronous
 * driver with its session free) and the level is a single statement (no
 * cursor step, no includes). `undefined` means nothing ran: use readRows.
 */
export function readRowsNow(
  rt: Runtime,
  node: ReadNode,
  values: readonly unknown[],
  firstRowOnly: boolean,
): Row[] | undefined {
  const target = rt.target;
  if (target.execNow === undefined || node.cursor !== undefined || node.includes.length > 0) return undefined;
  const step = node.step;
  let response: ExecResponse | undefined;
  try {
    response = target.execNow({
      kind: "QuerySql",
      statement: step.statement,
      params: bind(step, values, NO_INPUT),
      result: "rows",
      bigints: step.bigints,
      firstRowOnly,
    });
  } catch (err) {
    throw enrichError(rt.mapping, err);
  }
  if (response === undefined) return undefined;
  const rows = response.rows;
  const decode = node.decode;
  for (let i = 0; i < rows.length; i++) decode(rows[i]!);
  return rows;
}

/** Runs one read level and its includes; rows keep their hidden fields (the caller strips them). */
export async function readRows(
  rt: Runtime,
  node: ReadNode,
  values: readonly unknown[],
  input: ExecInput = NO_INPUT,
): Promise<Row[]> {
  let run = input;
  if (node.cursor) {
    const found = await runStep(rt, node.cursor, values, input);
    const cursorRow = found.rows[0];
    if (!cursorRow) return [];
    run = { ...input, cursorRow };
  }
  const { rows } = await runStep(rt, node.step, values, run);
  for (const row of rows) node.decode(row);
  if (node.includes.length > 0) await loadIncludes(rt, node.includes, rows, values);
  return rows;
}

export function strip(rows: Row[], hidden: readonly string[]): Row[] {
  if (hidden.length === 0) return rows;
  for (const row of rows) for (const h of hidden) delete row[h];
  return rows;
}

/** One query per include level: all parent keys go out as one parameter array. */
export async function loadIncludes(
  rt: Runtime,
  includes: readonly IncludeEdge[],
  parents: Row[],
  values: readonly unknown[],
): Promise<void> {
  for (const inc of includes) {
    const keys = new Set<unknown>();
    for (const p of parents) {
      const k = p[inc.parentField];
      if (k !== null && k !== undefined) keys.add(k);
    }
    const children = keys.size === 0 ? [] : await readRows(rt, inc.node, values, { parentKeys: [...keys] });
    const groups = new Map<unknown, Row[]>();
    for (const child of children) {
      const k = child[inc.childField];
      const list = groups.get(k);
      if (list) list.push(child);
      else groups.set(k, [child]);
    }
    strip(children, inc.node.hidden);
    for (const p of parents) {
      const list = groups.get(p[inc.parentField]);
      p[inc.relation] = inc.many ? (list ?? []) : (list?.[0] ?? null);
    }
  }
}
