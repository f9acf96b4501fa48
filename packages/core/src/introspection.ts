/** What a live database holds, as `driver.introspect()` reports it (migrations diff against this). */
export interface IntrospectedColumn {
  name: string;
  /** The backend's own type name, e.g. "integer", "text", "timestamp with time zone". */
  type: string;
  nullable: boolean;
  /** The default expression as the backend prints it, or null. */
  default: string | null;
  autoincrement: boolean;
}

export interface IntrospectedIndex {
  name: string;
  columns: string[];
  unique: boolean;
  primary: boolean;
}

export interface IntrospectedForeignKey {
  name: string;
  columns: string[];
  referencesSchema?: string;
  referencesTable: string;
  referencesColumns: string[];
  onDelete?: string;
  onUpdate?: string;
}

export interface IntrospectedTable {
  schema?: string;
  name: string;
  columns: IntrospectedColumn[];
  primaryKey: string[];
  indexes: IntrospectedIndex[];
  foreignKeys: IntrospectedForeignKey[];
}

export interface IntrospectedRoutine {
  schema: string;
  name: string;
  kind: "function" | "procedure" | "aggregate" | "window";
  arguments: string;
  returns: string | null;
  language: string;
}

export interface IntrospectedSequence {
  schema: string;
  name: string;
  dataType: string;
  start: string;
  increment: string;
  ownedBy: string | null;
}

export interface Introspection {
  /** Databases visible to the connection (one for SQLite: "main"). */
  databases: string[];
  /** Schemas (PostgreSQL), databases (MySQL), or ["main"] (SQLite). */
  schemas: string[];
  tables: IntrospectedTable[];
  /** PostgreSQL only; empty elsewhere. */
  routines: IntrospectedRoutine[];
  /** PostgreSQL only; empty elsewhere. */
  sequences: IntrospectedSequence[];
}
