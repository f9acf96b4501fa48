import type {
  BatchResult,
  CountArgs,
  CreateArgs,
  CreateManyArgs,
  DeleteArgs,
  DeleteManyArgs,
  FindManyArgs,
  FindUniqueArgs,
  Shaping,
  StreamOptionsArgs,
  UpdateArgs,
  UpdateManyArgs,
  UpsertArgs,
} from "./args.ts";
import type { ModelTypes, TypeMapShape } from "./map.ts";
import type { Payload } from "./payload.ts";
import type { QueryLike } from "./query.ts";

/**
 * `db.user`, `db.post`, ...: the query methods of one model. `S` and `I` are
 * the inferred `select` / `include`; `undefined` when not given.
 */
export interface ModelDelegate<TM extends TypeMapShape, M extends ModelTypes> {
  create<S extends M["select"] | undefined = undefined, I extends M["include"] | undefined = undefined>(
    args: CreateArgs<M> & Shaping<M, S, I>,
  ): QueryLike<Payload<TM, M, S, I>>;
  createMany(args: CreateManyArgs<M>): QueryLike<BatchResult>;

  findUnique<S extends M["select"] | undefined = undefined, I extends M["include"] | undefined = undefined>(
    args: FindUniqueArgs<M> & Shaping<M, S, I>,
  ): QueryLike<Payload<TM, M, S, I> | null>;
  /** Rejects with NotFoundError when no row matches. */
  findUniqueOrThrow<S extends M["select"] | undefined = undefined, I extends M["include"] | undefined = undefined>(
    args: FindUniqueArgs<M> & Shaping<M, S, I>,
  ): QueryLike<Payload<TM, M, S, I>>;
  findFirst<S extends M["select"] | undefined = undefined, I extends M["include"] | undefined = undefined>(
    args?: FindManyArgs<M> & Shaping<M, S, I>,
  ): QueryLike<Payload<TM, M, S, I> | null>;
  /** Rejects with NotFoundError when no row matches. */
  findFirstOrThrow<S extends M["select"] | undefined = undefined, I extends M["include"] | undefined = undefined>(
    args?: FindManyArgs<M> & Shaping<M, S, I>,
  ): QueryLike<Payload<TM, M, S, I>>;
  findMany<S extends M["select"] | undefined = undefined, I extends M["include"] | undefined = undefined>(
    args?: FindManyArgs<M> & Shaping<M, S, I>,
  ): QueryLike<Payload<TM, M, S, I>[]>;
  count(args?: CountArgs<M>): QueryLike<number>;

  update<S extends M["select"] | undefined = undefined, I extends M["include"] | undefined = undefined>(
    args: UpdateArgs<M> & Shaping<M, S, I>,
  ): QueryLike<Payload<TM, M, S, I>>;
  updateMany(args: UpdateManyArgs<M>): QueryLike<BatchResult>;
  upsert<S extends M["select"] | undefined = undefined, I extends M["include"] | undefined = undefined>(
    args: UpsertArgs<M> & Shaping<M, S, I>,
  ): QueryLike<Payload<TM, M, S, I>>;
  delete<S extends M["select"] | undefined = undefined, I extends M["include"] | undefined = undefined>(
    args: DeleteArgs<M> & Shaping<M, S, I>,
  ): QueryLike<Payload<TM, M, S, I>>;
  deleteMany(args?: DeleteManyArgs<M>): QueryLike<BatchResult>;

  /** Rows one at a time, fetched `batchSize` per round trip; `signal` cancels. */
  stream<S extends M["select"] | undefined = undefined, I extends M["include"] | undefined = undefined>(
    args?: FindManyArgs<M> & Shaping<M, S, I> & StreamOptionsArgs,
  ): AsyncIterable<Payload<TM, M, S, I>>;
}
