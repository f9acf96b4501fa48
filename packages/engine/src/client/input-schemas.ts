import { ValidationError, type ValidationIssue } from "@strata/core";
import type { Op } from "../simplify/index.ts";

/**
 * A schema library's validator seen structurally (zod's `safeParse` fits), so
 * the engine does not depend on zod. `keys` (unknown keys) and `errors` (the
 * branches of a failed union) are zod's extra issue fields, read when present.
 */
export interface SafeParseIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
  readonly keys?: readonly string[];
  readonly errors?: readonly (readonly SafeParseIssue[])[];
}

export type SafeParseResult =
  | { success: true; data: unknown }
  | { success: false; error: { readonly issues: readonly SafeParseIssue[] } };

export interface SafeParser {
  safeParse(value: unknown): SafeParseResult;
}

/** Per model name: the validators of create and update data (generated zod schemas). */
export type InputSchemas = Readonly<Record<string, { create: SafeParser; update: SafeParser }>>;

type Path = (string | number)[];

/**
 * Runs the model's input validators on the data of a write, before the
 * engine's own checks and before any I/O. Reads are not validated here.
 */
export function checkWriteInput(schemas: InputSchemas, model: string, op: Op, args: unknown): void {
  const parsers = schemas[model];
  if (!parsers || typeof args !== "object" || args === null) return;
  const a = args as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  const run = (parser: SafeParser, value: unknown, path: Path) => {
    if (value === undefined) return; // a missing argument is the engine's own "is required" issue
    const result = parser.safeParse(value);
    if (!result.success) for (const issue of result.error.issues) flatten(issue, path, issues);
  };
  if (op === "create") run(parsers.create, a.data, ["data"]);
  else if (op === "createMany" && Array.isArray(a.data)) {
    for (const [i, row] of a.data.entries()) run(parsers.create, row, ["data", i]);
  } else if (op === "update" || op === "updateMany") run(parsers.update, a.data, ["data"]);
  else if (op === "upsert") {
    run(parsers.create, a.create, ["create"]);
    run(parsers.update, a.update, ["update"]);
  }
  if (issues.length > 0) throw new ValidationError(issues, `${model.charAt(0).toLowerCase()}${model.slice(1)}.${op}`);
}

function flatten(issue: SafeParseIssue, prefix: Path, out: ValidationIssue[]): void {
  const path = [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
  if (issue.keys && issue.keys.length > 0) {
    for (const key of issue.keys)
      out.push({ path: [...path, key], message: `unknown field "${key}"`, code: issue.code ?? "unrecognized_keys" });
    return;
  }
  const branch = issue.errors ? closestBranch(issue.errors) : undefined;
  if (branch) {
    for (const inner of branch) flatten(inner, path, out);
    return;
  }
  out.push(
    issue.code === undefined ? { path, message: issue.message } : { path, message: issue.message, code: issue.code },
  );
}

/**
 * A union failed in every branch: report the branch that got furthest into
 * the value (deepest issue path, then fewest issues), e.g. `{ set: "x" }` on
 * an enum reports `set`, not "expected an enum value".
 */
function closestBranch(branches: readonly (readonly SafeParseIssue[])[]): readonly SafeParseIssue[] | undefined {
  let best: readonly SafeParseIssue[] | undefined;
  let bestDepth = -1;
  for (const branch of branches) {
    if (branch.length === 0) continue;
    const depth = Math.max(...branch.map((i) => i.path.length + (i.keys?.length ? 1 : 0)));
    if (depth > bestDepth || (depth === bestDepth && best && branch.length < best.length)) {
      best = branch;
      bestDepth = depth;
    }
  }
  return best;
}
