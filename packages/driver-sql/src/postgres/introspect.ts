import type {
  IntrospectedColumn,
  IntrospectedForeignKey,
  IntrospectedIndex,
  IntrospectedRoutine,
  IntrospectedSequence,
  Introspection,
  Row,
} from "@strata/core";
import { catalog } from "./catalog.ts";
import type { PgSession } from "./session.ts";

const ROUTINE_KINDS: Record<string, IntrospectedRoutine["kind"]> = {
  f: "function",
  p: "procedure",
  a: "aggregate",
  w: "window",
};
const FK_ACTIONS: Record<string, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

type Typed<T> = T & { table: string };

/** Reads the client's schema (or the server's current schema) from pg_catalog. */
export async function introspectPostgres(session: PgSession): Promise<Introspection> {
  const schema = session.ctx.schema ?? String((await session.text("SELECT current_schema() AS s")).rows[0]?.s);
  const rows = async <T>(sql: string, withSchema = true): Promise<T[]> =>
    (await session.text(sql, withSchema ? [schema] : [])).rows as Row[] as T[];
  // One after the other: a pg client runs one query at a time anyway.
  const databases = await rows<{ name: string }>(catalog.databases, false);
  const schemas = await rows<{ name: string }>(catalog.schemas, false);
  const tables = await rows<{ name: string }>(catalog.tables);
  const columns = await rows<Typed<IntrospectedColumn>>(catalog.columns);
  const indexes = await rows<Typed<IntrospectedIndex>>(catalog.indexes);
  const foreignKeys = await rows<Typed<IntrospectedForeignKey>>(catalog.foreignKeys);
  const routines = await rows<Omit<IntrospectedRoutine, "kind"> & { kind: string }>(catalog.routines);
  const sequences = await rows<IntrospectedSequence>(catalog.sequences);
  const of = <T extends { table: string }>(list: T[], table: string): Omit<T, "table">[] =>
    list.filter((x) => x.table === table).map(({ table: _, ...rest }) => rest);
  return {
    databases: databases.map((d) => d.name),
    schemas: schemas.map((s) => s.name),
    tables: tables.map((t) => {
      const tableIndexes = of(indexes, t.name);
      return {
        schema,
        name: t.name,
        columns: of(columns, t.name),
        primaryKey: tableIndexes.find((i) => i.primary)?.columns ?? [],
        indexes: tableIndexes,
        foreignKeys: of(foreignKeys, t.name).map((fk) => ({
          ...fk,
          onDelete: FK_ACTIONS[fk.onDelete ?? "a"] ?? "NO ACTION",
          onUpdate: FK_ACTIONS[fk.onUpdate ?? "a"] ?? "NO ACTION",
        })),
      };
    }),
    routines: routines.map((r) => ({ ...r, kind: ROUTINE_KINDS[r.kind] ?? "function" })),
    sequences,
  };
}
