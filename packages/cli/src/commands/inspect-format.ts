import type { IntrospectedTable, Introspection } from "@strata/core";

/** Rows as aligned columns under a header. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** `strata db inspect` as text: databases and schemas, then each table, then routines and sequences when present. */
export function formatIntrospection(i: Introspection): string {
  const parts = [`databases: ${i.databases.join(", ")}`, `schemas: ${i.schemas.join(", ")}`];
  for (const t of i.tables) parts.push(formatTable(t));
  if (i.routines.length > 0) {
    const rows = i.routines.map((r) => [r.name, r.kind, r.arguments, r.returns ?? "", r.language]);
    parts.push(`routines\n${textTable(["name", "kind", "arguments", "returns", "language"], rows)}`);
  }
  if (i.sequences.length > 0) {
    const rows = i.sequences.map((s) => [s.name, s.dataType, s.start, s.increment, s.ownedBy ?? ""]);
    parts.push(`sequences\n${textTable(["name", "type", "start", "increment", "owned by"], rows)}`);
  }
  return parts.join("\n\n");
}

function formatTable(t: IntrospectedTable): string {
  const columns = t.columns.map((c) => [
    c.name,
    c.type,
    c.nullable ? "yes" : "no",
    c.default ?? "",
    t.primaryKey.includes(c.name) ? (c.autoincrement ? "pk, auto" : "pk") : "",
  ]);
  const lines = [
    `table ${t.schema ? `${t.schema}.` : ""}${t.name}`,
    textTable(["column", "type", "null", "default", "key"], columns),
  ];
  const indexes = t.indexes.filter((x) => !x.primary);
  if (indexes.length > 0) {
    const rows = indexes.map((x) => [x.name, x.columns.join(", "), x.unique ? "unique" : ""]);
    lines.push(textTable(["index", "columns", "unique"], rows));
  }
  if (t.foreignKeys.length > 0) {
    const rows = t.foreignKeys.map((fk) => [
      fk.name,
      fk.columns.join(", "),
      `${fk.referencesTable} (${fk.referencesColumns.join(", ")})`,
      fk.onDelete ?? "",
    ]);
    lines.push(textTable(["foreign key", "columns", "references", "on delete"], rows));
  }
  return lines.join("\n");
}
