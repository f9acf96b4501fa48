import type { FieldDef, ModelDef, RelationDef } from "@strata/core";

/**
 * The TypeScript spelling of one field in each generated input. `use` records
 * the engine/core type names a file needs, so it imports exactly those (a
 * user's `noUnusedLocals` would flag the rest).
 */
export type Use = (name: string) => string;

/** The value type of a field in rows and inputs (without null). */
export function valueType(f: FieldDef, use: Use): string {
  switch (f.type) {
    case "string":
      return "string";
    case "number":
    case "int":
      return "number";
    case "bigint":
      return "bigint";
    case "boolean":
      return "boolean";
    case "date":
      return "Date";
    case "bytes":
      return "Uint8Array";
    case "json":
      return use("Json");
    case "enum":
      return (f.enumValues ?? []).map((v) => JSON.stringify(v)).join(" | ") || "never";
    default: {
      const unknownType: never = f.type;
      throw new Error(`unknown field type ${String(unknownType)}`);
    }
  }
}

const isNumeric = (f: FieldDef) => f.type === "number" || f.type === "int" || f.type === "bigint";

/** Row type: nullable fields are `T | null`, never undefined. */
export function scalarType(f: FieldDef, use: Use): string {
  return f.nullable ? `${valueType(f, use)} | null` : valueType(f, use);
}

/** `where` entry: a plain value means equals (except Json), or the operator object of the type. */
export function whereType(f: FieldDef, use: Use): string {
  const v = valueType(f, use);
  const n = f.nullable;
  if (f.type === "json") return use(n ? "NullableJsonFilter" : "JsonFilter");
  let filter: string;
  if (f.type === "string") filter = use(n ? "NullableStringFilter" : "StringFilter");
  else if (isNumeric(f) || f.type === "date") filter = `${use(n ? "NullableOrderedFilter" : "OrderedFilter")}<${v}>`;
  else filter = `${use(n ? "NullableEqualityFilter" : "EqualityFilter")}<${v}>`;
  return n ? `${v} | null | ${filter}` : `${v} | ${filter}`;
}

/** Create input: optional when nullable or defaulted (ids with generation included). */
export function createEntry(f: FieldDef, use: Use): string {
  const optional = f.nullable || f.default !== undefined;
  return `${f.name}${optional ? "?" : ""}: ${scalarType(f, use)};`;
}

/** Update input: a value, `{ set }`, and for numbers one arithmetic operator. Json takes the value only. */
export function updateType(f: FieldDef, use: Use): string {
  const s = scalarType(f, use);
  if (f.type === "json") return s;
  const parts = [s, `${use("SetUpdate")}<${s}>`];
  if (isNumeric(f)) parts.push(`${use("ArithmeticUpdate")}<${valueType(f, use)}>`);
  return parts.join(" | ");
}

/** Whether the included relation may be null: hasOne always, belongsTo when its key is nullable. */
export function relationNullable(model: ModelDef, r: RelationDef): boolean {
  if (r.kind === "hasOne") return true;
  if (r.kind === "hasMany") return false;
  return r.foreignKey.some((k) => model.fields.find((f) => f.name === k)?.nullable === true);
}

export function relationWhere(model: ModelDef, r: RelationDef, use: Use): string {
  const target = `${r.target}WhereInput`;
  if (r.kind === "hasMany") return `${use("ToManyFilter")}<${target}>`;
  return `${use(relationNullable(model, r) ? "NullableToOneFilter" : "ToOneFilter")}<${target}>`;
}

/** The sets of fields that identify one row, keyed as `where` spells them (`a_b` for a composite). */
export function uniqueSets(model: ModelDef): { key: string; fields: FieldDef[] }[] {
  const sets = [model.id, ...model.indexes.filter((i) => i.unique).map((i) => i.fields)];
  const out = new Map<string, FieldDef[]>();
  for (const set of sets) {
    const fields = set.flatMap((name) => model.fields.find((f) => f.name === name) ?? []);
    if (fields.length === set.length && fields.length > 0) out.set(set.join("_"), fields);
  }
  return [...out].map(([key, fields]) => ({ key, fields }));
}

export function pascal(name: string): string {
  return name
    .split("_")
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join("");
}
