import fc from "fast-check";
import { pools, ROLES } from "./schema.js";

/** A query on the differential schema, as plain data (it is stored in regressions/ as tagged JSON). */
export interface QuerySpec {
  model: "DUser" | "DPost";
  op: "findMany" | "count";
  args: Record<string, unknown>;
}

type Kind = "string" | "int" | "number" | "date" | "boolean" | "enum" | "bigint" | "json";
interface Field {
  name: string;
  kind: Kind;
  nullable: boolean;
}

const USER: Field[] = [
  { name: "id", kind: "string", nullable: false },
  { name: "name", kind: "string", nullable: true },
  { name: "age", kind: "int", nullable: true },
  { name: "score", kind: "number", nullable: true },
  { name: "born", kind: "date", nullable: true },
  { name: "active", kind: "boolean", nullable: true },
  { name: "role", kind: "enum", nullable: true },
  { name: "balance", kind: "bigint", nullable: true },
  { name: "meta", kind: "json", nullable: true },
];
const POST: Field[] = [
  { name: "id", kind: "string", nullable: false },
  { name: "authorId", kind: "string", nullable: false },
  { name: "title", kind: "string", nullable: false },
  { name: "views", kind: "int", nullable: true },
  { name: "rating", kind: "number", nullable: true },
];
const IDS = ["u00", "u01", "u03", "u07", "u10", "u98", "u99", "u00p0", "u01p1", "u98p0", "zz"];

function values(f: Field): fc.Arbitrary<unknown> {
  if (f.name === "id" || f.name === "authorId") return fc.constantFrom(...IDS);
  switch (f.kind) {
    case "string":
      return fc.constantFrom(...pools.string);
    case "int":
      return fc.constantFrom(...pools.int);
    case "number":
      return fc.constantFrom(...pools.number);
    case "date":
      return fc.constantFrom(...pools.date);
    case "bigint":
      return fc.constantFrom(...pools.bigint);
    case "boolean":
      return fc.boolean();
    case "enum":
      return fc.constantFrom(...ROLES);
    case "json":
      return fc.constantFrom(...pools.json);
  }
}

const ORDERED = new Set<Kind>(["string", "int", "number", "date", "bigint"]);

/** One operator object or shorthand for a field: every operator its type allows. */
function fieldFilter(f: Field): fc.Arbitrary<unknown> {
  const v = values(f);
  const list = fc.array(v, { minLength: 0, maxLength: 3 });
  const options: fc.Arbitrary<unknown>[] = [
    // A Json value is compared through equals (a bare object would read as operators).
    f.kind === "json" ? v.map((x) => ({ equals: x })) : v,
    v.map((x) => ({ equals: x })),
    v.map((x) => ({ not: x })),
    list.map((xs) => ({ in: xs })),
    list.map((xs) => ({ notIn: xs })),
  ];
  if (ORDERED.has(f.kind)) {
    const op = fc.constantFrom("lt", "lte", "gt", "gte");
    options.push(fc.tuple(op, v).map(([o, x]) => ({ [o]: x })));
    options.push(fc.tuple(v, v).map(([a, b]) => ({ gte: a, lt: b })));
    options.push(fc.tuple(op, v).map(([o, x]) => ({ not: { [o]: x } })));
  }
  if (f.kind === "string") {
    const like = fc.constantFrom("contains", "startsWith", "endsWith");
    options.push(fc.tuple(like, v).map(([o, x]) => ({ [o]: x })));
    options.push(fc.tuple(like, v).map(([o, x]) => ({ not: { [o]: x } })));
  }
  if (f.nullable) {
    options.push(
      fc.constant(null),
      fc.constant({ not: null }),
      fc.boolean().map((b) => ({ isNull: b })),
    );
    options.push(v.map((x) => ({ equals: x, not: null })));
  }
  return fc.oneof(...options);
}

function fieldsWhere(fields: Field[]): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of fields) model[f.name] = fieldFilter(f);
  const plain = fc.record(model, { requiredKeys: [] }).filter((w) => Object.keys(w).length <= 3);
  const nullableFields = fields.filter((f) => f.nullable);
  if (nullableFields.length === 0) return plain;
  // "null inside in": in/notIn lists may not hold null (refused, docs/decisions.md); this is the filter to write instead.
  const withNull = fc
    .constantFrom(...nullableFields)
    .chain((f) =>
      fc
        .tuple(fc.array(values(f), { maxLength: 3 }), fc.boolean())
        .map(([xs, negated]) =>
          negated
            ? { AND: [{ [f.name]: { notIn: xs } }, { [f.name]: { not: null } }] }
            : { OR: [{ [f.name]: { in: xs } }, { [f.name]: null }] },
        ),
    );
  return fc.oneof({ weight: 4, arbitrary: plain }, { weight: 1, arbitrary: withNull });
}

interface WhereOptions {
  relations: boolean;
}

/** A where of `model`: field filters, AND/OR/NOT to `depth`, and (SQL only) relation filters. */
export function where(
  model: "DUser" | "DPost",
  depth: number,
  opts: WhereOptions,
): fc.Arbitrary<Record<string, unknown>> {
  const base = fieldsWhere(model === "DUser" ? USER : POST);
  const parts: fc.Arbitrary<Record<string, unknown>>[] = [base];
  if (depth > 0) {
    const inner = where(model, depth - 1, opts);
    parts.push(
      fc.array(inner, { maxLength: 3 }).map((xs) => ({ AND: xs })),
      fc.array(inner, { maxLength: 3 }).map((xs) => ({ OR: xs })),
      inner.map((x) => ({ NOT: x })),
      fc.array(inner, { minLength: 1, maxLength: 2 }).map((xs) => ({ NOT: xs })),
      fc.tuple(base, inner).map(([a, b]) => ({ ...a, OR: [b, a] })),
    );
    if (opts.relations) parts.push(relationWhere(model, depth - 1));
  }
  return fc.oneof({ depthSize: "small" }, ...parts);
}

function relationWhere(model: "DUser" | "DPost", depth: number): fc.Arbitrary<Record<string, unknown>> {
  if (model === "DUser") {
    const mode = fc.constantFrom("some", "none", "every");
    return fc.tuple(mode, where("DPost", depth, { relations: false })).map(([m, w]) => ({ posts: { [m]: w } }));
  }
  const mode = fc.constantFrom("is", "isNot");
  return fc.oneof(
    fc.tuple(mode, where("DUser", depth, { relations: false })).map(([m, w]) => ({ author: { [m]: w } })),
    where("DUser", depth, { relations: false }).map((w) => ({ author: w })),
  );
}

function orderBy(fields: Field[]): fc.Arbitrary<unknown> {
  const sortable = fields.filter((f) => f.kind !== "json");
  const one = fc.tuple(fc.constantFrom(...sortable.map((f) => f.name)), fc.constantFrom("asc", "desc"));
  return fc.oneof(
    one.map(([f, d]) => ({ [f]: d })),
    fc
      .uniqueArray(one, { minLength: 1, maxLength: 3, selector: ([f]) => f })
      .map((xs) => xs.map(([f, d]) => ({ [f]: d }))),
  );
}

/** take/skip only with an orderBy: without one, which rows a page holds is not defined. */
function paging(): fc.Arbitrary<Record<string, number>> {
  return fc.record({ take: fc.nat(6), skip: fc.nat(5) }, { requiredKeys: [] });
}

function select(fields: Field[]): fc.Arbitrary<Record<string, true>> {
  return fc
    .uniqueArray(fc.constantFrom(...fields.map((f) => f.name)), { minLength: 1, maxLength: 4 })
    .map((names) => Object.fromEntries(names.map((n) => [n, true as const])));
}

function read(model: "DUser" | "DPost", opts: WhereOptions): fc.Arbitrary<Record<string, unknown>> {
  const fields = model === "DUser" ? USER : POST;
  const orderedBy = (on: Field[]) =>
    fc.tuple(orderBy(on), paging()).map(([o, p]): Record<string, unknown> => ({ orderBy: o, ...p }));
  // A cursor pages from one row on (its id) in an order that may run over nullable fields.
  const cursorIds = model === "DUser" ? ["u00", "u01", "u03", "u07", "u98", "u99"] : ["u00p0", "u01p1", "u98p0"];
  const ordered = fc
    .tuple(orderedBy(fields), fc.option(fc.constantFrom(...cursorIds), { nil: undefined, freq: 3 }))
    .map(([o, id]) => (id === undefined ? o : { ...o, cursor: { id } }));
  const include =
    model === "DUser"
      ? fc.oneof(
          fc.constant({ posts: true }),
          fc
            .record(
              {
                where: where("DPost", 1, { relations: false }),
                ordered: fc.option(orderedBy(POST), { nil: undefined }),
              },
              { requiredKeys: [] },
            )
            .map(({ where: w, ordered: o }) => ({ posts: { ...(w ? { where: w } : {}), ...(o ?? {}) } })),
        )
      : fc.constant({ author: true });
  const shape = fc.oneof(
    fc.constant({}),
    select(fields).map((s) => ({ select: s })),
    include.map((i) => ({ include: i })),
  );
  return fc
    .tuple(fc.option(where(model, 2, opts), { nil: undefined }), fc.option(ordered, { nil: undefined }), shape)
    .map(([w, o, s]) => ({ ...(w ? { where: w } : {}), ...(o ?? {}), ...s }));
}

/** A findMany or count on either model; relation filters only when `relations`. */
export function querySpec(relations: boolean): fc.Arbitrary<QuerySpec> {
  const model = fc.constantFrom<"DUser" | "DPost">("DUser", "DUser", "DPost");
  return model.chain((m) =>
    fc.oneof(
      { weight: 5, arbitrary: read(m, { relations }).map((args): QuerySpec => ({ model: m, op: "findMany", args })) },
      {
        weight: 1,
        arbitrary: fc
          .option(where(m, 2, { relations }), { nil: undefined })
          .map((w): QuerySpec => ({ model: m, op: "count", args: w ? { where: w } : {} })),
      },
    ),
  );
}

/** Whether a query filters through a relation anywhere (DynamoDB refuses those). */
export function hasRelationFilter(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasRelationFilter);
  if (value === null || typeof value !== "object" || value instanceof Date) return false;
  return Object.entries(value).some(
    ([k, v]) => ((k === "posts" || k === "author") && isFilter(v)) || (k !== "include" && hasRelationFilter(v)),
  );
}
const isFilter = (v: unknown) => v !== true && typeof v === "object";

/** JSON with Dates and bigints tagged, for the regression file. */
export const tagged = {
  stringify: (value: unknown): string =>
    JSON.stringify(
      value,
      function (this: Record<string, unknown>, key, v: unknown) {
        const raw = this[key];
        if (raw instanceof Date) return { $date: raw.toISOString() };
        if (typeof v === "bigint") return { $bigint: v.toString() };
        return v;
      },
      0,
    ),
  parse: (text: string): unknown =>
    JSON.parse(text, (_key, v: unknown) => {
      if (v && typeof v === "object" && "$date" in v) return new Date(String(v.$date));
      if (v && typeof v === "object" && "$bigint" in v) return BigInt(String(v.$bigint));
      return v;
    }),
};
