import type { Capability, ExecResponse, Mapping, Operation, Row, StreamOptions } from "@strata/core";
import { DriverError, ForeignKeyViolationError, StrataError, UniqueViolationError } from "@strata/core";
import type { KvWriteBuffer } from "./kv/buffer.ts";

/** Where operations go: the driver (autocommit) or a reserved connection (inside a transaction). */
export interface ExecTarget {
  exec(op: Operation): Promise<ExecResponse>;
  /** Synchronous drivers only: runs at once, or `undefined` (nothing ran) when it cannot now. */
  execNow?(op: Operation): ExecResponse | undefined;
  streamPages(op: Operation, options: StreamOptions): AsyncIterable<Row[]>;
}

/** What the exec phase needs at run time. */
export interface Runtime {
  target: ExecTarget;
  mapping: Mapping;
  capability: Capability;
  /** A model's id fields (key-value plans address items by them). */
  idFields(model: string): readonly string[];
  /** Inside a key-value transaction: where writes wait for the commit. */
  readonly kvWrites: KvWriteBuffer | null;
  /** Runs `fn` atomically: in a new transaction, or a savepoint inside the current one. */
  atomic<T>(fn: (rt: Runtime) => Promise<T>): Promise<T>;
}

export async function execOp(rt: Runtime, op: Operation): Promise<ExecResponse> {
  try {
    return await rt.target.exec(op);
  } catch (err) {
    throw enrichError(rt.mapping, err);
  }
}

/**
 * Drivers report constraint errors by table and columns; the engine names the
 * model and fields through the mapping. Anything that is not a StrataError is
 * wrapped so users only ever see Strata's error family.
 */
export function enrichError(mapping: Mapping, err: unknown): unknown {
  if (err instanceof UniqueViolationError || err instanceof ForeignKeyViolationError) {
    const model = err.table === undefined ? undefined : mapping.modelOf.get(err.table);
    if (model) {
      err.model = model;
      if (err instanceof UniqueViolationError) {
        const fields = mapping.fieldOf.get(err.table!);
        err.fields = err.columns.map((c) => fields?.get(c) ?? c);
      }
    }
    return err;
  }
  if (err instanceof StrataError) return err;
  return new DriverError(err instanceof Error ? err.message : String(err), { cause: err });
}
