import { type Capability, type ExecResponse, type Row, ValidationError } from "@strata/core";
import type { ExecInput, IncludeEdge, ReadNode, SqlStep } from "../plan/types.ts";
import { enrichError, execOp, type Runtime } from "./runtime.ts";

export function bind(
  step: SqlStep,
  values: readonly unknown[],
  input: ExecInput,
  capability: Pick<Capability, "arrayParameters" | "maxParameters" | "jsonListParameters">,
): unknown[] {
  const out = new Array<unknown>(step.params.length);
  let bound = out.length;
  for (let i = 0; i < out.length; i++) {
    const v = step.params[i]!(values, input);
    out[i] = v;
    // Without array parameters every element of a list is a placeholder of its own.
    if (!capability.arrayParameters && Array.isArray(v)) bound += v.length - 1;
  }
  // Where lists too long to expand go as one JSON parameter each, a list counts once.
  if (bound > capability.maxParameters && capability.jsonListParameters) bound = out.length;
  if (bound > capability.maxParameters) tooManyParameters(bound, capability.maxParameters);
  return out;
}

/** Refused before the statement is sent: the server would fail it (MySQL ER_PS_MANY_PARAM, PostgreSQL a protocol error). */
function tooManyParameters(bound: number, max: number): never {
  throw new ValidationError([
    {
      path: [],
      message: `this query binds ${bound} values, but the backend takes at most ${max} in one statement; split a long \`in\` list or OR into several queries`,
    },
  ]);
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
    params: bind(step, values, input, rt.capability),
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
      params: bind(step, values, NO_INPUT, rt.capability),
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
    const children = keys.size === 0 ? [] : await readChildren(rt, inc.node, values, [...keys]);
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

/**
 * The children of these parent keys. A backend that binds a key list as one
 * array parameter gets one statement; one that binds each key separately
 * (MySQL) gets one per chunk of half its parameter limit, so the statement's
 * other values still fit. Each parent's children come whole from one chunk,
 * so per-parent order and take stay exact.
 */
async function readChildren(rt: Runtime, node: ReadNode, values: readonly unknown[], keys: unknown[]): Promise<Row[]> {
  const { arrayParameters, maxParameters } = rt.capability;
  const chunk = Math.max(1, Math.floor(maxParameters / 2));
  if (arrayParameters || keys.length <= chunk) return readRows(rt, node, values, { parentKeys: keys });
  const children: Row[] = [];
  for (let at = 0; at < keys.length; at += chunk) {
    for (const row of await readRows(rt, node, values, { parentKeys: keys.slice(at, at + chunk) })) children.push(row);
  }
  return children;
}
