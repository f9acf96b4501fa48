import { derivedName, type FieldDef, type IndexDef, type ModelDef, type RelationDef } from "@strata/core";
import type { ModelIssue } from "../errors.ts";
import type { DraftModel } from "./model.ts";
import { delegateName } from "./naming.ts";

/** Client members a delegate name must not shadow (`db.transaction`, `db.driver`, ...). */
const RESERVED_DELEGATES = new Set(["transaction", "push", "close", "driver", "pin", "explain", "then"]);
/** Suffixes of generated type names; a model named `UserSelect` would collide with `User`'s. */
const GENERATED_SUFFIXES = [
  "Scalars",
  "Types",
  "WhereInput",
  "WhereUniqueInput",
  "UniqueKey",
  "OrderByInput",
  "Select",
  "Include",
  "CreateInput",
  "UpdateInput",
  "NestedOne",
  "NestedMany",
];

/** Checks every draft against the others and builds the ModelDefs; problems go to `issues`. */
export function finishModels(drafts: readonly DraftModel[], issues: ModelIssue[]): ModelDef[] {
  const byName = new Map<string, DraftModel>();
  for (const d of drafts) {
    const twin = byName.get(d.name);
    if (twin)
      issue(
        issues,
        d,
        d.line,
        `model ${d.name} is declared twice (also ${twin.file}:${twin.line})`,
        "rename one of the classes",
      );
    byName.set(d.name, d);
  }
  for (const d of drafts) checkNames(d, byName, issues);
  const ids = new Map(drafts.map((d) => [d.name, checkId(d, issues)]));
  return drafts.map((d) => ({
    name: d.name,
    table: d.table,
    fields: d.fields,
    id: ids.get(d.name) ?? [],
    indexes: buildIndexes(d, issues),
    relations: d.relations.flatMap((r) => buildRelation(d, r, byName, ids, issues) ?? []),
    source: { file: d.file, line: d.line },
  }));
}

function issue(issues: ModelIssue[], d: DraftModel, line: number, message: string, hint: string): void {
  issues.push({ file: d.file, line, message: `${d.name}: ${message}`, hint });
}

function checkNames(d: DraftModel, byName: Map<string, DraftModel>, issues: ModelIssue[]): void {
  const delegate = delegateName(d.name);
  if (RESERVED_DELEGATES.has(delegate)) {
    issue(
      issues,
      d,
      d.line,
      `the client member db.${delegate} is reserved`,
      "rename the class; the table name can stay with @model({ name })",
    );
  }
  for (const other of byName.keys()) {
    const suffix = GENERATED_SUFFIXES.find((s) => d.name === `${other}${s}`);
    if (suffix)
      issue(issues, d, d.line, `the name collides with the generated type ${other}${suffix}`, "rename the class");
  }
}

function checkId(d: DraftModel, issues: ModelIssue[]): string[] {
  const [first, second] = d.id;
  if (!first) {
    issue(
      issues,
      d,
      d.line,
      "the model has no id",
      'mark the key with @id() on a property, or @id(["a", "b"]) on the class',
    );
    return [];
  }
  if (second) {
    issue(
      issues,
      d,
      second.line,
      `the model has two ids (also line ${first.line})`,
      'keep one @id; for a composite key use @id(["a", "b"]) on the class',
    );
  }
  for (const f of first.fields) {
    const field = fieldOf(d, f);
    if (!field)
      issue(issues, d, first.line, `the id names the unknown field "${f}"`, `declare it with @field() or fix the name`);
    else if (field.nullable)
      issue(
        issues,
        d,
        d.fieldLines.get(f) ?? first.line,
        `id field "${f}" is nullable`,
        `declare it required: ${f}!: ...`,
      );
  }
  return first.fields;
}

function fieldOf(d: DraftModel, name: string): FieldDef | undefined {
  return d.fields.find((f) => f.name === name);
}

function buildIndexes(d: DraftModel, issues: ModelIssue[]): IndexDef[] {
  const columns = (fields: readonly string[]) => fields.map((f) => fieldOf(d, f)?.column ?? f).join("_");
  const indexes: IndexDef[] = d.uniques.map((f) => ({
    name: derivedName(`${d.table}_${columns([f])}_key`),
    fields: [f],
    unique: true,
  }));
  for (const ix of d.indexes) {
    const unknown = ix.fields.filter((f) => !fieldOf(d, f));
    if (unknown.length > 0) {
      issue(
        issues,
        d,
        ix.line,
        `@index names unknown fields: ${unknown.join(", ")}`,
        "index scalar fields only (not relations); check the spelling",
      );
      continue;
    }
    const name = ix.explicitName
      ? ix.name
      : derivedName(`${d.table}_${columns(ix.fields)}_${ix.unique ? "key" : "idx"}`);
    indexes.push({ name, fields: ix.fields, unique: ix.unique });
  }
  const seen = new Set<string>();
  for (const ix of indexes) {
    if (seen.has(ix.name))
      issue(issues, d, d.line, `two indexes are named "${ix.name}"`, 'give one of them { name: "..." }');
    seen.add(ix.name);
  }
  return indexes;
}

const NUMERIC = new Set(["number", "int", "bigint"]);

function buildRelation(
  d: DraftModel,
  r: DraftModel["relations"][number],
  byName: Map<string, DraftModel>,
  ids: Map<string, string[]>,
  issues: ModelIssue[],
): RelationDef | undefined {
  const target = byName.get(r.target);
  const where = `relation "${r.name}"`;
  if (!target) {
    issue(
      issues,
      d,
      r.line,
      `${where} points to the unknown model ${r.target}`,
      `declare ${r.target} with @model() in the model files (or fix the name)`,
    );
    return undefined;
  }
  if (r.kind === "hasMany" && !r.isArray)
    issue(issues, d, r.line, `${where} is @hasMany but not an array`, `annotate it as ${r.name}!: ${r.target}[]`);
  if (r.kind !== "hasMany" && r.isArray)
    issue(
      issues,
      d,
      r.line,
      `${where} is @${r.kind} but an array`,
      `annotate it as ${r.name}!: ${r.target}, or use @hasMany`,
    );
  // belongsTo: the key is on this model and points at the target's id; hasMany/hasOne: the reverse.
  const holder = r.kind === "belongsTo" ? d : target;
  const references = (r.kind === "belongsTo" ? ids.get(target.name) : ids.get(d.name)) ?? [];
  const referenced = r.kind === "belongsTo" ? target : d;
  for (const [i, key] of r.foreignKey.entries()) {
    const keyField = fieldOf(holder, key);
    if (!keyField) {
      issue(
        issues,
        d,
        r.line,
        `${where}: the foreign key "${key}" is not a field of ${holder.name}`,
        `add @field() ${key}!: ... to ${holder.name}, or fix the name`,
      );
      continue;
    }
    const ref = references[i] === undefined ? undefined : fieldOf(referenced, references[i]);
    if (ref && !(keyField.type === ref.type || (NUMERIC.has(keyField.type) && NUMERIC.has(ref.type)))) {
      issue(
        issues,
        d,
        r.line,
        `${where}: ${holder.name}.${key} is ${keyField.type} but ${referenced.name}.${ref.name} is ${ref.type}`,
        `give ${key} the type of ${referenced.name}'s id`,
      );
    }
  }
  if (references.length > 0 && references.length !== r.foreignKey.length) {
    issue(
      issues,
      d,
      r.line,
      `${where}: ${r.foreignKey.length} foreign-key field(s) for an id of ${references.length}`,
      `list one key field per id field: [${references.map((f) => `"${f}"`).join(", ")}]`,
    );
  }
  return { name: r.name, kind: r.kind, target: r.target, foreignKey: r.foreignKey, references };
}
