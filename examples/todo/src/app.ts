import type { Driver } from "@strata/core";
import { createClient } from "./generated/index.js";

/** The todo app's use cases, on whatever driver it is given. */
export async function runTodoApp(
  driver: Driver,
  print: (line: string) => void = console.log,
  options: { allowScan?: boolean } = {},
) {
  const db = createClient({ driver, ...options });
  await db.push();

  const ann = await db.user.upsert({
    where: { email: "ann@example.com" },
    create: { email: "ann@example.com", name: "Ann" },
    update: {},
  });
  const list = await db.todoList.create({ data: { ownerId: ann.id, title: `Groceries ${new Date().toISOString()}` } });
  await db.todo.createMany({
    data: [
      { listId: list.id, title: "Milk", priority: "high" },
      { listId: list.id, title: "Bread", priority: "normal" },
      { listId: list.id, title: "Coffee 100% arabica", priority: "low", dueAt: new Date(Date.now() + 86_400_000) },
    ],
  });

  const milk = await db.todo.findFirstOrThrow({ where: { listId: list.id, title: "Milk" } });
  await db.todo.update({ where: { id: milk.id }, data: { done: true } });

  const open = await db.todo.count({ where: { listId: list.id, done: false } });
  print(`${ann.name} has ${open} open todos in "${list.title}"`);

  const withTodos = await db.user.findUniqueOrThrow({
    where: { email: "ann@example.com" },
    include: {
      lists: { where: { id: list.id }, include: { todos: { orderBy: [{ done: "asc" }, { title: "asc" }] } } },
    },
  });
  for (const l of withTodos.lists) {
    print(`- ${l.title}`);
    for (const t of l.todos) print(`  [${t.done ? "x" : " "}] ${t.title} (${t.priority})`);
  }

  const plan = await db.todo.findMany({ where: { title: { contains: "%" } } }).explain();
  print(`explain: ${plan.operations.map((o) => o.text).join(" | ")}`);

  await db.close();
  return { open, lists: withTodos.lists.length };
}
