import type { AppSchema, ModelDef } from "@strata/core";
import {
  createEntry,
  pascal,
  relationNullable,
  relationWhere,
  scalarType,
  type Use,
  uniqueSets,
  updateType,
  valueType,
  whereType,
} from "./field-types.ts";
import { HEADER } from "./header.ts";

/**
 * `types.ts`: concrete interfaces per model and the `StrataTypeMap` that
 * points at them. The engine's generic client only indexes into this map, so
 * the checker never rebuilds these shapes from the schema.
 */
export function emitTypes(schema: AppSchema): string {
  const engine = new Set<string>();
  const core = new Set<string>();
  const use: Use = (name) => {
    (name === "Json" ? core : engine).add(name);
    return name;
  };
  const body = schema.models.map((m) => modelTypes(m, use)).join("\n");
  const map = schema.models.map((m) => `    ${m.name}: ${m.name}Types;`).join("\n");
  const imports = [
    core.size > 0 ? `import type { ${[...core].sort().join(", ")} } from "@strata/core";` : "",
    engine.size > 0 ? `import type { ${[...engine].sort().join(", ")} } from "@strata/engine";` : "",
  ].filter(Boolean);
  return `${HEADER}
${imports.join("\n")}

${body}
/** Drives the generic client types of @strata/engine. */
export interface StrataTypeMap {
  models: {
${map}
  };
}
`;
}

function modelTypes(m: ModelDef, use: Use): string {
  const N = m.name;
  const lines = (items: readonly string[]) => items.map((l) => `  ${l}`).join("\n");
  const scalars = m.fields.filter((f) => f.type !== "json");
  const uniques = uniqueSets(m);
  const uniqueNames = uniques.map((u) => `${N}WhereUniqueBy${pascal(u.key)}`);
  const keyOf = (u: (typeof uniques)[number]) =>
    u.fields.length === 1 && u.fields[0]
      ? `${u.key}: ${valueType(u.fields[0], use)}`
      : `${u.key}: { ${u.fields.map((f) => `${f.name}: ${valueType(f, use)}`).join("; ")} }`;
  const nested = (r: ModelDef["relations"][number]) =>
    `boolean | ${r.target}${r.kind === "hasMany" ? "NestedMany" : "NestedOne"}`;
  const relationTypes = m.relations.map(
    (r) =>
      `${r.name}: { target: ${JSON.stringify(r.target)}; many: ${r.kind === "hasMany"}; nullable: ${relationNullable(m, r)} };`,
  );
  return `/** A ${N} row, as queries return it without select/include. */
export interface ${N}Scalars {
${lines(m.fields.map((f) => `${f.name}: ${scalarType(f, use)};`))}
}
export type ${N} = ${N}Scalars;

export interface ${N}WhereInput {
${lines([
  `AND?: ${N}WhereInput | readonly ${N}WhereInput[];`,
  `OR?: readonly ${N}WhereInput[];`,
  `NOT?: ${N}WhereInput | readonly ${N}WhereInput[];`,
  ...m.fields.map((f) => `${f.name}?: ${whereType(f, use)};`),
  ...m.relations.map((r) => `${r.name}?: ${relationWhere(m, r, use)};`),
])}
}
${uniques.map((u, i) => `export interface ${uniqueNames[i]} extends ${N}WhereInput {\n  ${keyOf(u)};\n}`).join("\n")}
/** findUnique/update/delete \`where\`: one unique set, optionally with more filters. */
export type ${N}WhereUniqueInput = ${uniqueNames.join(" | ") || "never"};
/** One unique set alone (cursor). */
export type ${N}UniqueKey = ${uniques.map((u) => `{ ${keyOf(u)} }`).join(" | ") || "never"};

export interface ${N}OrderByInput {
${lines(scalars.map((f) => `${f.name}?: ${use("SortOrder")};`))}
}
export interface ${N}Select {
${lines([...m.fields.map((f) => `${f.name}?: boolean;`), ...m.relations.map((r) => `${r.name}?: ${nested(r)};`)])}
}
export interface ${N}Include {
${lines(m.relations.map((r) => `${r.name}?: ${nested(r)};`))}
}
/** select/include on a to-one relation to ${N}. */
export interface ${N}NestedOne {
  select?: ${N}Select;
  include?: ${N}Include;
}
/** select/include and paging on a to-many relation to ${N}. */
export interface ${N}NestedMany extends ${N}NestedOne {
  where?: ${N}WhereInput;
  orderBy?: ${N}OrderByInput | readonly ${N}OrderByInput[];
  cursor?: ${N}UniqueKey;
  take?: number;
  skip?: number;
}
export interface ${N}CreateInput {
${lines(m.fields.map((f) => createEntry(f, use)))}
}
export interface ${N}UpdateInput {
${lines(m.fields.map((f) => `${f.name}?: ${updateType(f, use)};`))}
}
export interface ${N}Types {
  scalars: ${N}Scalars;
  relations: {${relationTypes.length > 0 ? `\n${lines(relationTypes.map((l) => `  ${l}`))}\n  ` : ""}};
  where: ${N}WhereInput;
  whereUnique: ${N}WhereUniqueInput;
  uniqueKey: ${N}UniqueKey;
  orderBy: ${N}OrderByInput;
  select: ${N}Select;
  include: ${N}Include;
  create: ${N}CreateInput;
  update: ${N}UpdateInput;
}
`;
}
