import { sqlite } from "@strata/driver-sql";
import { runTodoApp } from "./app.ts";

// SQLite by default: a file next to this example. STRATA_TODO_DB=":memory:" keeps nothing.
const file = process.env.STRATA_TODO_DB ?? new URL("../todo.db", import.meta.url).pathname;
await runTodoApp(sqlite(file));
