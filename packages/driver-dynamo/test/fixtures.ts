import { DynamoDBClient, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import type { DbSchema, TableDef } from "@strata/core";
import { type DynamoDriver, dynamo } from "../src/index.ts";
import { localClientConfig } from "../src/local.ts";

const col = (name: string, storage: TableDef["columns"][number]["storage"], nullable = true) => ({
  name,
  storage,
  nullable,
  autoincrement: false,
});

/** Every storage type the DynamoDB capability produces, one unique column, one GSI. */
export const users: TableDef = {
  name: "users",
  columns: [
    col("id", "text", false),
    col("email", "text"),
    col("handle", "text"),
    col("name", "text"),
    col("age", "number"),
    col("big", "bigint"),
    col("active", "boolean"),
    col("born", "iso-string"),
    col("avatar", "blob"),
    col("prefs", "json-text"),
  ],
  primaryKey: ["id"],
  indexes: [
    { name: "users_email_key", columns: ["email"], unique: true },
    { name: "users_handle_key", columns: ["handle"], unique: true },
    { name: "users_name_idx", columns: ["name"], unique: false },
  ],
  foreignKeys: [],
};

/** A partition + sort key table with a GSI on (authorId, createdAt). */
export const posts: TableDef = {
  name: "posts",
  columns: [
    col("feed", "text", false),
    col("seq", "number", false),
    col("authorId", "text"),
    col("createdAt", "iso-string"),
    col("title", "text"),
    col("score", "number"),
  ],
  primaryKey: ["feed", "seq"],
  indexes: [{ name: "posts_authorId_idx", columns: ["authorId", "createdAt"], unique: false }],
  foreignKeys: [],
};

export const schema: DbSchema = { tables: [users, posts] };

let counter = 0;
/** A table prefix of its own per test file and run, so runs never see each other's items. */
export function uniquePrefix(name: string): string {
  return `t${process.pid}_${Date.now().toString(36)}_${counter++}_${name}_`;
}

export function makeClient(endpoint: string, maxAttempts = 3): DynamoDBClient {
  return new DynamoDBClient({ ...localClientConfig(endpoint), maxAttempts });
}

export function makeDriver(endpoint: string, prefix: string, extra: { pageSize?: number } = {}): DynamoDriver {
  return dynamo({ client: makeClient(endpoint), tablePrefix: prefix, ...extra });
}

/** Counts the requests a client sends, by command name. */
export function countRequests(client: DynamoDBClient): Map<string, number> {
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? "?";
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: "finalizeRequest", name: "strataCountRequests" },
  );
  return counts;
}

/** The exact shape the SDK throws when a transaction loses to a concurrent one. */
export function conflictCancellation(): TransactionCanceledException {
  return new TransactionCanceledException({
    $metadata: {},
    message:
      "Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]",
    CancellationReasons: [
      { Code: "None" },
      { Code: "TransactionConflict", Message: "Transaction is ongoing for the item" },
    ],
  });
}
