import type { ModelOf, ModelTypes, TypeMapShape } from "./map.ts";

/**
 * Result types computed from a query's `select` / `include` arguments. Only
 * these two arguments are inferred (everything else is checked against plain
 * generated interfaces), so the work here is proportional to the size of the
 * select/include literal, not to the schema.
 */

/** The row a query returns for the inferred `select` (S) and `include` (I). */
export type Payload<TM extends TypeMapShape, M extends ModelTypes, S, I> = S extends object
  ? SelectPayload<TM, M, S>
  : I extends object
    ? M["scalars"] & IncludePayload<TM, M, I>
    : M["scalars"];

type Chosen<T> = { [K in keyof T]: T[K] extends false | undefined ? never : K }[keyof T];

type SelectPayload<TM extends TypeMapShape, M extends ModelTypes, S> = {
  [K in Chosen<S>]: K extends keyof M["scalars"]
    ? M["scalars"][K]
    : K extends keyof M["relations"]
      ? RelationPayload<TM, M["relations"][K], S[K]>
      : never;
};

type IncludePayload<TM extends TypeMapShape, M extends ModelTypes, I> = {
  [K in Chosen<I> & keyof M["relations"]]: RelationPayload<TM, M["relations"][K], I[K]>;
};

/** `true` or `{ select?, include?, where?, ... }` on a relation. */
type RelationPayload<TM extends TypeMapShape, R, V> = R extends { target: infer T; many: infer Many; nullable: infer N }
  ? Wrap<Payload<TM, ModelOf<TM, T>, NestedSelect<V>, NestedInclude<V>>, Many, N>
  : never;

type NestedSelect<V> = V extends { select: infer S extends object } ? S : undefined;
type NestedInclude<V> = V extends { include: infer I extends object } ? I : undefined;

type Wrap<P, Many, Nullable> = Many extends true ? P[] : Nullable extends true ? P | null : P;

/**
 * Inferred type parameters escape TypeScript's excess-property check, so a
 * select/include literal is intersected with this: every key the generated
 * shape lacks becomes `never` (an error at that key), nested relation
 * arguments are checked the same way, and `select` beside `include` at one
 * level is refused.
 */
export type StrictShape<S, Shape> = {
  [K in keyof S]: K extends keyof Shape ? StrictRelationArgs<S[K], Shape[K]> : never;
};

type StrictRelationArgs<V, ShapeV> = V extends object ? StrictArgs<V, Extract<ShapeV, object>> : V;

type StrictArgs<A, Shape> = {
  [K in keyof A]: K extends "select"
    ? StrictShape<A[K], ShapeOf<Shape, K>>
    : K extends "include"
      ? "select" extends keyof A
        ? never
        : StrictShape<A[K], ShapeOf<Shape, K>>
      : K extends "where"
        ? StrictKeys<A[K], ShapeOf<Shape, K>>
        : K extends keyof Shape
          ? A[K]
          : never;
};

type ShapeOf<Shape, K> = K extends keyof Shape ? NonNullable<Shape[K]> : never;

/** One level of key checking for a nested `where` (its values are already checked by the constraint). */
type StrictKeys<W, Shape> = { [P in keyof W]: P extends keyof Shape ? W[P] : never };
