import type { FieldDef, FieldOptions, ModelClass, ModelDef, ModelMetadata } from "@strata/core";

/**
 * Differences between what a model class's decorators recorded and the
 * generated schema of that model: a class edited after the last
 * `strata generate` would otherwise run queries against a stale schema.
 * Returns one readable phrase per difference (empty when they agree).
 */
export function schemaDifferences(
  model: ModelDef,
  meta: ModelMetadata,
  models: Readonly<Record<string, ModelClass>>,
): string[] {
  const out: string[] = [];
  const declared = Object.keys(meta.fields);
  const generated = model.fields.map((f) => f.name);
  const extra = declared.filter((f) => !generated.includes(f));
  const missing = generated.filter((f) => !declared.includes(f));
  if (extra.length) out.push(`new in the class: ${extra.join(", ")}`);
  if (missing.length) out.push(`gone from the class: ${missing.join(", ")}`);
  for (const f of model.fields) {
    const options = meta.fields[f.name];
    if (options) out.push(...fieldDifferences(f, options));
  }
  if (meta.options?.name !== undefined && meta.options.name !== model.table)
    out.push(`table: "${meta.options.name}" in the class, "${model.table}" in the schema`);
  if (meta.id && meta.id.join(",") !== model.id.join(","))
    out.push(`id: (${meta.id.join(", ")}) in the class, (${model.id.join(", ")}) in the schema`);
  out.push(
    ...listDifferences(
      "indexes",
      classIndexes(meta),
      model.indexes.map((i) => indexKey(i.fields, i.unique)),
    ),
  );
  const relations = Object.entries(meta.relations).map(([name, r]) => {
    const target = r.target();
    const targetName = Object.keys(models).find((k) => models[k] === target) ?? target.name;
    return `${name}: @${r.kind}(${targetName}, ${[r.foreignKey].flat().join("+")})`;
  });
  const schemaRelations = model.relations.map((r) => `${r.name}: @${r.kind}(${r.target}, ${r.foreignKey.join("+")})`);
  out.push(...listDifferences("relations", relations, schemaRelations));
  return out;
}

function fieldDifferences(f: FieldDef, options: FieldOptions): string[] {
  const out: string[] = [];
  const at = `field ${f.name}`;
  // A number id is stored as an int without a type option (autoincrement); any other int says so in the class.
  const impliedInt = f.type === "int" && f.default?.kind === "autoincrement";
  if (options.type !== undefined ? options.type !== f.type : f.type === "int" && !impliedInt)
    out.push(`${at}: type ${options.type ?? "(none)"} in the class, ${f.type} in the schema`);
  if (options.column !== f.column)
    out.push(`${at}: column ${options.column ?? "(none)"} in the class, ${f.column ?? "(none)"} in the schema`);
  const classDefault = defaultOfClass(options.default);
  const schemaDefault = defaultOfSchema(f);
  if (classDefault !== schemaDefault)
    out.push(`${at}: default ${classDefault} in the class, ${schemaDefault} in the schema`);
  return out;
}

function defaultOfClass(value: FieldOptions["default"]): string {
  if (value === undefined) return "(none)";
  return typeof value === "function" ? "a function" : JSON.stringify(value);
}

/** uuid and autoincrement are the generator's own defaults for ids; the class declares none. */
function defaultOfSchema(f: FieldDef): string {
  const d = f.default;
  if (!d || d.kind === "uuid" || d.kind === "autoincrement") return "(none)";
  return d.kind === "function" ? "a function" : JSON.stringify(d.value);
}

function classIndexes(meta: ModelMetadata): string[] {
  return [
    ...meta.uniques.map((f) => indexKey([f], true)),
    ...meta.indexes.map((i) => indexKey(i.fields, i.options.unique ?? false)),
  ];
}

function indexKey(fields: readonly string[], unique: boolean): string {
  return `${unique ? "unique" : "index"}(${fields.join(", ")})`;
}

/** Items on one side only, compared as multisets (decorator order is not source order). */
function listDifferences(what: string, inClass: readonly string[], inSchema: readonly string[]): string[] {
  const rest = [...inSchema];
  const classOnly: string[] = [];
  for (const item of inClass) {
    const i = rest.indexOf(item);
    if (i >= 0) rest.splice(i, 1);
    else classOnly.push(item);
  }
  const out: string[] = [];
  if (classOnly.length) out.push(`${what} only in the class: ${classOnly.join("; ")}`);
  if (rest.length) out.push(`${what} only in the schema: ${rest.join("; ")}`);
  return out;
}
