import {
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ResourceNotFoundException,
  ThrottlingException,
  TransactionCanceledException,
  TransactionConflictException,
} from "@aws-sdk/client-dynamodb";
import {
  CancelledError,
  ConnectionLostError,
  DriverError,
  SerializationFailureError,
  UniqueViolationError,
} from "@strata/core";
import { describe, expect, it } from "vitest";
import { classifyDynamoError } from "../src/errors.ts";
import { planTransactWrite } from "../src/requests/transact.ts";
import { buildTableModel } from "../src/schema/model.ts";
import { explainCancellation } from "../src/send/transact.ts";
import { conflictCancellation, users } from "./fixtures.ts";

const meta = { $metadata: {} };

describe("error classification (ARCHITECTURE.md table)", () => {
  it("TransactionConflict and a cancellation with a TransactionConflict reason are retryable serialization failures", () => {
    const direct = classifyDynamoError(new TransactionConflictException({ ...meta, message: "conflict" }), "PutItem t");
    expect(direct).toBeInstanceOf(SerializationFailureError);
    expect(direct).toMatchObject({ retryable: true, backendCode: "TransactionConflictException" });
    const cancelled = classifyDynamoError(conflictCancellation(), "TransactWriteItems");
    expect(cancelled).toBeInstanceOf(SerializationFailureError);
    expect(cancelled.retryable).toBe(true);
    expect(cancelled.cause).toBeInstanceOf(TransactionCanceledException);
  });

  it("throttling is a retryable DriverError with the AWS name", () => {
    for (const err of [
      new ProvisionedThroughputExceededException({ ...meta, message: "slow down" }),
      new ThrottlingException({ ...meta, message: "slow down" }),
      new RequestLimitExceeded({ ...meta, message: "slow down" }),
    ]) {
      const mapped = classifyDynamoError(err, "Query t");
      expect(mapped).toBeInstanceOf(DriverError);
      expect(mapped).toMatchObject({ retryable: true, backendCode: err.name });
    }
  });

  it("network faults are ConnectionLostError; aborts CancelledError; the rest DriverError with the AWS name and cause", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(classifyDynamoError(refused, "GetItem t")).toBeInstanceOf(ConnectionLostError);
    const wrapped = new Error("socket hang up", { cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }) });
    expect(classifyDynamoError(wrapped, "x")).toMatchObject({
      name: "ConnectionLostError",
      backendCode: "ECONNRESET",
      retryable: true,
    });
    const timeout = Object.assign(new Error("timed out"), { name: "TimeoutError" });
    expect(classifyDynamoError(timeout, "x")).toBeInstanceOf(ConnectionLostError);
    const abort = Object.assign(new Error("aborted"), { name: "AbortError" });
    expect(classifyDynamoError(abort, "x")).toBeInstanceOf(CancelledError);
    const missing = new ResourceNotFoundException({ ...meta, message: "Requested resource not found" });
    const other = classifyDynamoError(missing, "Query t");
    expect(other).toBeInstanceOf(DriverError);
    expect(other).toMatchObject({ retryable: false, backendCode: "ResourceNotFoundException", cause: missing });
    expect(other.message).toContain("Query t");
  });

  it("a cancelled transaction is explained by the index of its failed item", () => {
    const model = buildTableModel(users, "p_");
    const plan = planTransactWrite(
      () => model,
      [{ kind: "PutItem", table: "users", item: { id: "u1", email: "a@x", handle: "h" }, condition: "notExists" }],
      new Map(),
      100,
    );
    const reasons = (failed: number) =>
      new TransactionCanceledException({
        ...meta,
        message: "Transaction cancelled",
        CancellationReasons: plan.items.map((_, i) =>
          i === failed ? { Code: "ConditionalCheckFailed" } : { Code: "None" },
        ),
      });
    expect(explainCancellation(reasons(2), plan, new Map())).toMatchObject({
      name: "UniqueViolationError",
      columns: ["handle"],
    });
    expect(explainCancellation(reasons(1), plan, new Map())).toMatchObject({ columns: ["email"] });
    const key = explainCancellation(reasons(0), plan, new Map());
    expect(key).toBeInstanceOf(UniqueViolationError);
    expect(key).toMatchObject({ table: "users", columns: ["id"] });
  });
});
