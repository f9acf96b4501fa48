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
