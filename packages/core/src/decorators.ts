import "reflect-metadata";

/**
 * Model decorators (TypeScript `experimentalDecorators`). They only record
 * their arguments with reflect-metadata; `strata generate` reads the source
 * for types, and the runtime compares this record with the generated schema
 * and takes default functions from it.
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

function metadataOf(target: object): ModelMetadata {
  const own = Reflect.getOwnMetadata(KEY, target) as ModelMetadata | undefined;
  if (own) return own;
  const fresh: ModelMetadata = { fields: {}, uniques: [], indexes: [], relations: {} };
  Reflect.defineMetadata(KEY, fresh, target);
  return fresh;
}

/** What the decorators recorded on a class, or undefined if it is not a model. */
export function readModelMetadata(cls: object): ModelMetadata | undefined {
  return Reflect.getOwnMetadata(KEY, cls) as ModelMetadata | undefined;
}

type PropertyDecoratorFn = (target: object, property: string | symbol) => void;
type ClassDecoratorFn = (target: ModelClass) => void;

function propertyName(property: string | symbol): string {
  if (typeof property === "symbol") throw new TypeError("Strata model fields must have string names");
  return property;
}

export function model(options: ModelOptions = {}): ClassDecoratorFn {
  return (target) => {
    metadataOf(target).options = options;
  };
}

export function field(options: FieldOptions = {}): PropertyDecoratorFn {
  return (target, property) => {
    metadataOf(target.constructor).fields[propertyName(property)] = options;
  };
}

/**
 * `@id()` on a property marks the primary key; `@id(["a", "b"])` on the class
 * declares a composite key.
 */
export function id(): PropertyDecoratorFn;
export function id(fields: readonly string[]): ClassDecoratorFn;
export function id(fields?: readonly string[]): PropertyDecoratorFn & ClassDecoratorFn {
  return ((target: object, property?: string | symbol) => {
    if (property === undefined) {
      metadataOf(target).id = fields ?? [];
      return;
    }
    const name = propertyName(property);
    const meta = metadataOf(target.constructor);
    meta.id = [name];
    meta.fields[name] ??= {};
  }) as PropertyDecoratorFn & ClassDecoratorFn;
}

/** `@unique()` on a property: one-field unique index. */
export function unique(options: FieldOptions = {}): PropertyDecoratorFn {
  return (target, property) => {
    const name = propertyName(property);
    const meta = metadataOf(target.constructor);
    meta.uniques.push(name);
    meta.fields[name] = { ...meta.fields[name], ...options };
  };
}

/** `@index(["a", "b"], { unique })` on the class: a (composite) index. */
export function index(fields: readonly string[], options: IndexOptions = {}): ClassDecoratorFn {
  return (target) => {
    metadataOf(target).indexes.push({ fields, options });
  };
}

function relation(kind: RelationMetadata["kind"]) {
  return (target: () => ModelClass, foreignKey: string | readonly string[]): PropertyDecoratorFn =>
    (proto, property) => {
      metadataOf(proto.constructor).relations[propertyName(property)] = { kind, target, foreignKey };
    };
}

/** To-many: `@hasMany(() => Post, "authorId")`; the key lives on the target. */
export const hasMany = relation("hasMany");
/** To-one where the key lives on the target: `@hasOne(() => Profile, "userId")`. */
export const hasOne = relation("hasOne");
/** To-one where the key lives on this model: `@belongsTo(() => User, "authorId")`. */
export const belongsTo = relation("belongsTo");
