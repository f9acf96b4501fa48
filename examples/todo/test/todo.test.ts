import { sqlite } from "@strata/driver-sql";
import { expect, it } from "vitest";
import { runTodoApp } from "../src/app.ts";

it("the todo example runs end to end on SQLite", async () => {
  const lines: string[] = [];
  const result = await runTodoApp(sqlite(":memory:"), (l) => lines.push(l));
  expect(result).toEqual({ open: 2, lists: 1 });
  expect(lines[0]).toMatch(/^Ann has 2 open todos/);
  expect(lines.slice(2, 5)).toEqual(["  [ ] Bread (normal)", "  [ ] Coffee 100% arabica (low)", "  [x] Milk (high)"]);
});

it("the todo example runs end to end on DynamoDB Local", async () => {
  const { DynamoDBClient } = await import("@aws-sdk/client-dynamodb");
  const { dynamo } = await import("@strata/driver-dynamo");
  const { localClientConfig, startDynamoLocal } = await import("@strata/driver-dynamo/local");
  const { endpoint } = await startDynamoLocal();
  const driver = dynamo({
    client: new DynamoDBClient(localClientConfig(endpoint)),
    tablePrefix: `todo_${Date.now()}_`,
  });
  const lines: string[] = [];
  const result = await runTodoApp(driver, (l) => lines.push(l), { allowScan: true });
  expect(result).toEqual({ open: 2, lists: 1 });
  expect(lines.slice(2, 5)).toEqual(["  [ ] Bread (normal)", "  [ ] Coffee 100% arabica (low)", "  [x] Milk (high)"]);
});
