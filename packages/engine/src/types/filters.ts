import type { Json } from "@strata/core";

/**
 * Filter and update operators per field type (docs/design/generated-client.md).
 * Generated where/update inputs name one of these per field, so the set of
 * operators a field offers is decided here once, not per model.
 */

/** The operators every scalar type has. */
export interface EqualityFilter<V> {
  equals?: V;
  not?: V | EqualityFilter<V>;
  in?: readonly V[];
  notIn?: readonly V[];
}

/** Nullable fields also compare with null and have `isNull`. */
export interface NullableEqualityFilter<V> {
  equals?: V | null;
  not?: V | null | NullableEqualityFilter<V>;
  in?: readonly V[];
  notIn?: readonly V[];
  isNull?: boolean;
}

export interface RangeOperators<V> {
  lt?: V;
  lte?: V;
  gt?: V;
  gte?: V;
}

export interface TextOperators {
  contains?: string;
  startsWith?: string;
  endsWith?: string;
}

/** number, int, bigint and Date fields. */
export interface OrderedFilter<V> extends EqualityFilter<V>, RangeOperators<V> {
  not?: V | OrderedFilter<V>;
}

export interface NullableOrderedFilter<V> extends NullableEqualityFilter<V>, RangeOperators<V> {
  not?: V | null | NullableOrderedFilter<V>;
}

export interface StringFilter extends OrderedFilter<string>, TextOperators {
  not?: string | StringFilter;
}

export interface NullableStringFilter extends NullableOrderedFilter<string>, TextOperators {
  not?: string | null | NullableStringFilter;
}

/**
 * Json fields compare by `equals` only. A plain value is not accepted in
 * `where` because a Json object cannot be told apart from a filter object.
 */
export interface JsonFilter {
  equals?: Json;
}

export interface NullableJsonFilter extends JsonFilter {
  isNull?: boolean;
}

/** `posts: { some: {...} }` on a to-many relation. */
export interface ToManyFilter<W> {
  some?: W;
  none?: W;
  every?: W;
}

/** A required belongsTo. */
export interface ToOneFilter<W> {
  is?: W;
  isNot?: W;
}

/** hasOne, or a belongsTo with a nullable key: `is: null` finds rows without one. */
export interface NullableToOneFilter<W> {
  is?: W | null;
  isNot?: W | null;
}

/** Replaces the value; every non-Json field accepts it. */
export interface SetUpdate<V> {
  set: V;
}

/** Exactly one arithmetic operator per field, enforced by the `never` members. */
export type ArithmeticUpdate<V> =
  | { increment: V; decrement?: never; multiply?: never; divide?: never }
  | { decrement: V; increment?: never; multiply?: never; divide?: never }
  | { multiply: V; increment?: never; decrement?: never; divide?: never }
  | { divide: V; increment?: never; decrement?: never; multiply?: never };

export type SortOrder = "asc" | "desc";
