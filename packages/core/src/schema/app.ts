/**
 * The app schema: models, fields and relations as the user wrote them.
 * Produced by codegen as plain data (JSON-safe, except default functions which
 * the runtime takes from the decorated classes).
 */
export type ScalarType = "string" | "number" | "int" | "bigint" | "boolean" | "date" | "bytes" | "json" | "enum";

export type FieldDefault =
  | { kind: "literal"; value: string | number | boolean | null }
  | { kind: "function" }
  | { kind: "uuid" }
  | { kind: "autoincrement" };

export interface FieldDef {
  name: string;
  type: ScalarType;
  nullable: boolean;
  /** The allowed values when type is "enum". */
  enumValues?: readonly string[];
  default?: FieldDefault;
  /** Column name in the database; defaults to the field name. */
  column?: string;
}

export type RelationKind = "hasMany" | "hasOne" | "belongsTo";

export interface RelationDef {
  name: string;
  kind: RelationKind;
  /** Target model name. */
  target: string;
  /**
   * The foreign-key fields. For belongsTo they live on this model; for
   * hasMany/hasOne they live on the target model.
   */
  foreignKey: readonly string[];
  /** The referenced fields (the id of the model the key points to). */
  references: readonly string[];
}

export interface IndexDef {
  name: string;
  fields: readonly string[];
  unique: boolean;
}

export interface ModelDef {
  name: string;
  table: string;
  fields: readonly FieldDef[];
  /** Primary key fields in order. */
  id: readonly string[];
  /** Secondary indexes, including single-field `@unique()`s. */
  indexes: readonly IndexDef[];
  relations: readonly RelationDef[];
  /** Where the class is declared, for error messages. */
  source?: { file: string; line: number };
}

export interface AppSchema {
  models: readonly ModelDef[];
}

/** Fast lookups over an AppSchema; built once per client. */
export class SchemaIndex {
  readonly models = new Map<string, ModelIndex>();
  constructor(readonly app: AppSchema) {
    for (const m of app.models) this.models.set(m.name, new ModelIndex(m));
  }
  model(name: string): ModelIndex {
    const m = this.models.get(name);
    if (!m) throw new Error(`Unknown model "${name}"`);
    return m;
  }
}

const KEY_FIELDS = new WeakSet<FieldDef>();

/**
 * Whether a field is part of a key: the id, an index (unique or not) or a
 * belongsTo foreign key. Backends store such fields in key columns with
 * their own length limits (`Capability.keyLimits`).
 */
export function isKeyField(field: FieldDef): boolean {
  return KEY_FIELDS.has(field);
}

export class ModelIndex {
  readonly fields = new Map<string, FieldDef>();
  readonly relations = new Map<string, RelationDef>();
  /** Every set of fields that identifies one row: the id, then each unique index. */
  readonly uniqueSets: readonly (readonly string[])[];
  constructor(readonly def: ModelDef) {
    for (const f of def.fields) this.fields.set(f.name, f);
    for (const r of def.relations) this.relations.set(r.name, r);
    this.uniqueSets = [def.id, ...def.indexes.filter((i) => i.unique).map((i) => i.fields)];
    const keys = new Set([
      ...def.id,
      ...def.indexes.flatMap((i) => i.fields),
      ...def.relations.filter((r) => r.kind === "belongsTo").flatMap((r) => r.foreignKey),
    ]);
    for (const f of def.fields) if (keys.has(f.name)) KEY_FIELDS.add(f);
  }
  get name(): string {
    return this.def.name;
  }
  field(name: string): FieldDef {
    const f = this.fields.get(name);
    if (!f) throw new Error(`Unknown field "${this.def.name}.${name}"`);
    return f;
  }
  column(field: string): string {
    return this.field(field).column ?? field;
  }
}
