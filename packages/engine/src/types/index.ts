/** The type-level client: pure types, no runtime code. Generated `types.ts` files fill in `TypeMapShape`. */
export type {
  BatchResult,
  CountArgs,
  CreateArgs,
  CreateManyArgs,
  DeleteArgs,
  DeleteManyArgs,
  FindManyArgs,
  FindUniqueArgs,
  OrderByArg,
  Shaping,
  StreamOptionsArgs,
  UpdateArgs,
  UpdateManyArgs,
  UpsertArgs,
} from "./args.ts";
export type { ClientMethods, ModelDelegates, StrataClient, TransactionOptions } from "./client.ts";
export type { ModelDelegate } from "./delegate.ts";
export type {
  ArithmeticUpdate,
  EqualityFilter,
  JsonFilter,
  NullableEqualityFilter,
  NullableJsonFilter,
  NullableOrderedFilter,
  NullableStringFilter,
  NullableToOneFilter,
  OrderedFilter,
  RangeOperators,
  SetUpdate,
  SortOrder,
  StringFilter,
  TextOperators,
  ToManyFilter,
  ToOneFilter,
} from "./filters.ts";
export type { ModelOf, ModelTypes, RelationTypes, TypeMapShape } from "./map.ts";
export type { Payload, StrictShape } from "./payload.ts";
export type { Explain, QueryLike } from "./query.ts";
