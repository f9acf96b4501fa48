import type { ColumnDef, ForeignKeyDef, TableDef, TableIndexDef } from "./db.ts";

/**
 * One step of a schema migration, as the migration differ produces it and the
 * SQL printer turns it into statements. Tables are named by their db name;
 * `table` on column/index changes carries the table as it will be afterwards.
 */
export type SchemaChange =
  | { readonly kind: "createTable"; readonly table: TableDef }
  | { readonly kind: "dropTable"; readonly table: string }
  | { readonly kind: "renameTable"; readonly from: string; readonly to: string }
  | { readonly kind: "addColumn"; readonly table: TableDef; readonly column: ColumnDef }
  | { readonly kind: "dropColumn"; readonly table: string; readonly column: string }
  | { readonly kind: "renameColumn"; readonly table: string; readonly from: string; readonly to: string }
  | {
      readonly kind: "alterColumn";
      readonly table: TableDef;
      readonly column: ColumnDef;
      /** What differs from the live column. */
      readonly changes: readonly ("type" | "nullability" | "default")[];
    }
  | { readonly kind: "addIndex"; readonly table: string; readonly index: TableIndexDef }
  | { readonly kind: "dropIndex"; readonly table: string; readonly index: string }
  | { readonly kind: "addForeignKey"; readonly table: string; readonly foreignKey: ForeignKeyDef }
  | { readonly kind: "dropForeignKey"; readonly table: string; readonly foreignKey: string }
  | {
      /**
       * Create-new → copy → drop → rename, for backends that cannot alter in
       * place (Capability.schemaMutations). `copy` maps each new column to the
       * old column it takes its values from; columns absent there get their default.
       */
      readonly kind: "rebuildTable";
      readonly table: TableDef;
      readonly copy: readonly { readonly to: string; readonly from: string }[];
    };

export type SchemaChangeKind = SchemaChange["kind"];
