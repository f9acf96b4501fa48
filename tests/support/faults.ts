import { ConnectionLostError, type Operation, SerializationFailureError } from "@strata/core";
import { type FaultInjector, LoseReply, Stall } from "./logging-driver.js";

/**
 * Ready-made faults for LoggingDriver.inject. Each is what a driver hands the
 * engine for that condition: drivers classify backend errors themselves
 * (ARCHITECTURE.md), so the engine sees Strata errors, or, for a driver bug,
 * a raw Error it must wrap in DriverError.
 */
export const faults = {
  /** The connection is found dead before the operation is sent (so nothing of it reached the server). */
  connectionLost: () =>
    new ConnectionLostError("injected: the connection was lost (ECONNRESET)", {
      backendCode: "ECONNRESET",
      requestSent: false,
    }),
  serializationFailure: () =>
    new SerializationFailureError("injected: could not serialize access (40001)", { backendCode: "40001" }),
  /** A driver that throws something unclassified (a bug, an unexpected library error). */
  thrown: () => Object.assign(new Error("injected: the driver threw"), { code: "EINJECTED" }),
  /** The operation reaches the server and runs, but its reply is lost with the connection. */
  lostReply: () =>
    new LoseReply(new ConnectionLostError("injected: the reply was lost (ECONNRESET)", { backendCode: "ECONNRESET" })),
  /** The server answers, but only after `ms` (a slow or hung statement). */
  stall: (ms: number) => new Stall(ms),
} as const;

export type FaultName = Exclude<keyof typeof faults, "stall" | "lostReply">;

/** Fails the operation with this index (0-based, counted since inject()). */
export function failNth(n: number, make: () => unknown): FaultInjector {
  return (_op, index) => (index === n ? make() : undefined);
}

/** Fails the first operation that matches, once. */
export function failFirst(matches: (op: Operation) => boolean, make: () => unknown): FaultInjector {
  let done = false;
  return (op) => {
    if (done || !matches(op)) return undefined;
    done = true;
    return make();
  };
}

export const ofKind =
  (kind: Operation["kind"]) =>
  (op: Operation): boolean =>
    op.kind === kind;

/** A Transaction operation with this action (begin, commit, rollback, savepoint, ...). */
export const txAction =
  (action: string) =>
  (op: Operation): boolean =>
    op.kind === "Transaction" && op.action === action;
