import "reflect-metadata";

/**
 * Model decorators, for both of TypeScript's modes: standard (TC39) decorators,
 * the default of a new project, and `experimentalDecorators`. They only record
 * their arguments; `strata generate` reads the source for types, the generated
 * client carries the schema (and copies of default functions), and a running
 * app may pass its classes to `createClient({ models })` to check that they
 * still match the generated schema.
 */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export type FieldTypeOption = "string" | "number" | "int" | "bigint" | "boolean" | "date" | "bytes" | "json";

export interface FieldOptions {
  /** Overrides the type read from the TypeScript annotation (e.g. "int" for a number). */
  type?: FieldTypeOption;
  /** A literal, or a function called for every create that leaves the field out. */
  default?: string | number | boolean | null | (() => unknown);
  /** Column name in the database. */
  column?: string;
}

export interface ModelOptions {
  /** Table name; defaults to the model name in snake_case, plural. */
  name?: string;
}

export interface IndexOptions {
  unique?: boolean;
  name?: string;
}

export type ModelClass = abstract new (...args: never[]) => unknown;

export interface RelationMetadata {
  kind: "hasMany" | "hasOne" | "belongsTo";
  target: () => ModelClass;
  foreignKey: string | readonly string[];
}

export interface ModelMetadata {
  options?: ModelOptions;
  id?: readonly string[];
  fields: Record<string, FieldOptions>;
  uniques: string[];
  indexes: { fields: readonly string[]; options: IndexOptions }[];
  relations: Record<string, RelationMetadata>;
}

const KEY = Symbol.for("strata:model");

// Standard decorators share one metadata object per class through
// `Symbol.metadata`, which Node 20 does not define yet; TypeScript's output
// uses it when it exists when the class is defined (this module loads first).
const symbols = Symbol as unknown as { metadata?: symbol };
symbols.metadata ??= Symbol.for("Symbol.metadata");
const METADATA: symbol = symbols.metadata;

function fresh(): ModelMetadata {
  return { fields: {}, uniques: [], indexes: [], relations: {} };
}

/** experimentalDecorators: the record lives on the constructor, through reflect-metadata. */
function metadataOfClass(target: object): ModelMetadata {
  const own = Reflect.getOwnMetadata(KEY, target) as ModelMetadata | undefined;
  if (own) return own;
  const meta = fresh();
  Reflect.defineMetadata(KEY, meta, target);
  return meta;
}

/** Standard decorators: the record lives in the class's decorator metadata object. */
function metadataOfContext(context: DecoratorContext): ModelMetadata {
  const bag = context.metadata as Record<symbol, unknown> | undefined;
  if (bag === undefined)
    throw new TypeError(
      "Strata decorators: this compiler gave no decorator metadata (context.metadata); compile with TypeScript 5.2 or later, or enable experimentalDecorators",
    );
  if (!Object.hasOwn(bag, KEY)) bag[KEY] = fresh();
  return bag[KEY] as ModelMetadata;
}

/** What the decorators recorded on a class, or undefined if it is not a model. */
export function readModelMetadata(cls: object): ModelMetadata | undefined {
  const own = Reflect.getOwnMetadata(KEY, cls) as ModelMetadata | undefined;
  if (own) return own;
  const bag = Object.hasOwn(cls, METADATA) ? (Reflect.get(cls, METADATA) as Record<symbol, unknown> | null) : null;
  return bag && Object.hasOwn(bag, KEY) ? (bag[KEY] as ModelMetadata) : undefined;
}

/** A field decorator in either mode: `(prototype, name)` or `(undefined, context)`. */
export interface ModelFieldDecorator {
  (target: object, property: string | symbol): void;
  (value: undefined, context: ClassFieldDecoratorContext): void;
}

/** A class decorator in either mode: `(constructor)` or `(constructor, context)`. */
export interface ModelClassDecorator {
  (target: ModelClass): void;
  (target: ModelClass, context: ClassDecoratorContext): void;
}

function isContext(value: unknown): value is DecoratorContext {
  return typeof value === "object" && value !== null && typeof Reflect.get(value, "kind") === "string";
}

function fieldDecorator(name: string, record: (meta: ModelMetadata, property: string) => void): ModelFieldDecorator {
  return ((target: object | undefined, property: string | symbol | ClassFieldDecoratorContext) => {
    if (isContext(property)) {
      if (property.kind !== "field")
        throw new TypeError(`@${name}() goes on a class field (it was put on a ${property.kind})`);
      record(metadataOfContext(property), propertyName(property.name));
      return;
    }
    if (target === undefined || typeof property === "object") throw new TypeError(`@${name}() goes on a class field`);
    record(metadataOfClass(target.constructor), propertyName(property));
  }) as ModelFieldDecorator;
}

function classDecorator(name: string, record: (meta: ModelMetadata) => void): ModelClassDecorator {
  return ((target: ModelClass, context?: ClassDecoratorContext) => {
    if (typeof target !== "function") throw new TypeError(`@${name}() goes on a class`);
    if (isContext(context)) {
      const meta = metadataOfContext(context);
      record(meta);
      // Also on the constructor, where readModelMetadata looks first.
      Reflect.defineMetadata(KEY, meta, target);
      return;
    }
    record(metadataOfClass(target));
  }) as ModelClassDecorator;
}

function propertyName(property: string | symbol): string {
  if (typeof property === "symbol") throw new TypeError("Strata model fields must have string names");
  return property;
}

export function model(options: ModelOptions = {}): ModelClassDecorator {
  return classDecorator("model", (meta) => {
    meta.options = options;
  });
}

export function field(options: FieldOptions = {}): ModelFieldDecorator {
  return fieldDecorator("field", (meta, name) => {
    meta.fields[name] = options;
  });
}

/**
 * `@id()` on a property marks the primary key; `@id(["a", "b"])` on the class
 * declares a composite key.
 */
export function id(): ModelFieldDecorator;
export function id(fields: readonly string[]): ModelClassDecorator;
export function id(fields?: readonly string[]): ModelFieldDecorator | ModelClassDecorator {
  if (fields !== undefined)
    return classDecorator("id", (meta) => {
      meta.id = fields;
    });
  return fieldDecorator("id", (meta, name) => {
    meta.id = [name];
    meta.fields[name] ??= {};
  });
}

/** `@unique()` on a property: one-field unique index. */
export function unique(options: FieldOptions = {}): ModelFieldDecorator {
  return fieldDecorator("unique", (meta, name) => {
    meta.uniques.push(name);
    meta.fields[name] = { ...meta.fields[name], ...options };
  });
}

/** `@index(["a", "b"], { unique })` on the class: a (composite) index. */
export function index(fields: readonly string[], options: IndexOptions = {}): ModelClassDecorator {
  return classDecorator("index", (meta) => {
    meta.indexes.push({ fields, options });
  });
}

function relation(kind: RelationMetadata["kind"]) {
  return (target: () => ModelClass, foreignKey: string | readonly string[]): ModelFieldDecorator =>
    fieldDecorator(kind, (meta, name) => {
      meta.relations[name] = { kind, target, foreignKey };
    });
}

/** To-many: `@hasMany(() => Post, "authorId")`; the key lives on the target. */
export const hasMany = relation("hasMany");
/** To-one where the key lives on the target: `@hasOne(() => Profile, "userId")`. */
export const hasOne = relation("hasOne");
/** To-one where the key lives on this model: `@belongsTo(() => User, "authorId")`. */
export const belongsTo = relation("belongsTo");
