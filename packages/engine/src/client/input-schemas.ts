import { describeValue, ValidationError, type ValidationIssue } from "@strata/core";
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
    if (!result.success) for (const issue of result.error.issues) flatten(issue, path, issues, value, []);
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

function flatten(
  issue: SafeParseIssue,
  prefix: Path,
  out: ValidationIssue[],
  root: unknown,
  base: readonly PropertyKey[],
): void {
  const path = [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
  const at = [...base, ...issue.path];
  if (issue.keys && issue.keys.length > 0) {
    for (const key of issue.keys)
      out.push({ path: [...path, key], message: `unknown field "${key}"`, code: issue.code ?? "unrecognized_keys" });
    return;
  }
  const branch = issue.errors ? closestBranch(issue.errors) : undefined;
  // Every branch failed on the value itself (no branch got into it): say which kinds of value would do.
  if (issue.errors && branch?.every((i) => i.path.length === 0 && !i.keys?.length)) {
    const kinds = [...new Set(issue.errors.flatMap((b) => b.map((i) => expectedOf(i))).filter((k) => k !== ""))];
    if (kinds.length > 1) {
      out.push({
        path,
        message: `expected ${kinds.slice(0, -1).join(", ")} or ${kinds.at(-1)}, got ${describeValue(valueAt(root, at))}`,
        code: "invalid_union",
      });
      return;
    }
  }
  if (branch) {
    for (const inner of branch) flatten(inner, path, out, root, at);
    return;
  }
  const message = messageOf(issue, valueAt(root, at));
  out.push(issue.code === undefined ? { path, message } : { path, message, code: issue.code });
}

/** What a failed check expected, as a message says it (zod's own message is often just "Invalid input"). */
function messageOf(issue: SafeParseIssue, value: unknown): string {
  const i = issue as SafeParseIssue & {
    expected?: string;
    values?: readonly unknown[];
    maximum?: unknown;
    minimum?: unknown;
  };
  const got = `got ${describeValue(value)}`;
  switch (issue.code) {
    case "invalid_type":
      return value === undefined
        ? "required: this field has no default, give a value"
        : `expected ${expectedOf(issue)}, ${got}`;
    case "invalid_value":
      return `expected one of ${(i.values ?? []).map((v) => JSON.stringify(v)).join(", ")}, ${got}`;
    case "too_big": {
      const int32 =
        i.maximum === 2 ** 31 - 1 ? " (int fields are 32-bit; use a bigint field for larger whole numbers)" : "";
      return `expected at most ${String(i.maximum)}${int32}, ${got}`;
    }
    case "too_small": {
      const int32 =
        i.minimum === -(2 ** 31) ? " (int fields are 32-bit; use a bigint field for larger whole numbers)" : "";
      return `expected at least ${String(i.minimum)}${int32}, ${got}`;
    }
    default:
      return issue.message;
  }
}

const KIND: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  bigint: "a bigint",
  boolean: "true or false",
  date: "a valid Date",
  null: "null",
  array: "an array",
  record: "an object literal",
  object: "an object literal",
};

function expectedOf(issue: SafeParseIssue): string {
  const expected = (issue as { expected?: unknown }).expected;
  return typeof expected === "string" ? (KIND[expected] ?? expected) : "";
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
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
