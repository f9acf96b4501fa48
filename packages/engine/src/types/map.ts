/**
 * The shape of the `StrataTypeMap` that `strata generate` writes into
 * `types.ts`. Each model gets concrete, generated interfaces (UserWhereInput,
 * UserSelect, ...) and the map only points at them: the checker then resolves
 * a query's types by indexed access instead of recomputing them from a schema
 * type, which keeps large schemas cheap to type-check.
 */

/** One relation of a model, as the payload computation needs it. */
export interface RelationTypes {
  /** Target model name, a key of the map's `models`. */
  target: string;
  /** hasMany: the result is an array. */
  many: boolean;
  /** hasOne, or a belongsTo whose foreign key is nullable: the result may be null. */
  nullable: boolean;
}

/** The generated types of one model. */
export interface ModelTypes {
  /** The row with every scalar field (nullable fields as `T | null`). */
  scalars: object;
  /** `{ [relationName]: RelationTypes }`. */
  relations: object;
  where: object;
  /** `where` of findUnique/update/delete: one unique set plus optional filters. */
  whereUnique: object;
  /** One unique set alone (cursor). */
  uniqueKey: object;
  orderBy: object;
  select: object;
  include: object;
  create: object;
  update: object;
}

/** What a generated `StrataTypeMap` must satisfy: `models` keyed by model name. */
export interface TypeMapShape {
  models: Record<string, ModelTypes>;
}

/** The generated types of the model named `Name`. */
export type ModelOf<TM extends TypeMapShape, Name> = Name extends keyof TM["models"] ? TM["models"][Name] : never;
