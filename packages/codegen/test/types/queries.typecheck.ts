/**
 * Type-level tests of the generated client, checked by `tsc` from
 * types.test.ts (never executed). Each `@ts-expect-error` is a query the types
 * must refuse: if a type is loosened, the directive becomes unused and tsc fails.
 */
import type { Driver, Json } from "@strata/core";
import { expectTypeOf } from "vitest";
import type { z } from "zod";
import {
  createClient,
  type Post,
  PostCreateInput,
  type Profile,
  type User,
  UserCreateInput,
  UserUpdateInput,
} from "../generated/index.js";

declare const driver: Driver;
const db = createClient({ driver });

export async function selectNarrows() {
  const rows = await db.user.findMany({ select: { id: true, email: true } });
  expectTypeOf(rows).toEqualTypeOf<{ id: string; email: string }[]>();

  const withFalse = await db.user.findFirst({ select: { id: true, name: false } });
  expectTypeOf(withFalse).toEqualTypeOf<{ id: string } | null>();

  const nested = await db.user.findMany({
    select: { id: true, posts: { select: { title: true }, where: { published: true }, take: 5 } },
  });
  expectTypeOf(nested).toEqualTypeOf<{ id: string; posts: { title: string }[] }[]>();

  const deep = await db.post.findUniqueOrThrow({
    where: { id: 1 },
    select: { author: { select: { name: true, profile: { select: { bio: true } } } } },
  });
  expectTypeOf(deep).toEqualTypeOf<{ author: { name: string; profile: { bio: string | null } | null } }>();

  // @ts-expect-error unknown field in select
  await db.user.findMany({ select: { id: true, nope: true } });
  // @ts-expect-error unknown field in a nested select
  await db.user.findMany({ select: { posts: { select: { title: true, nope: true } } } });
  // @ts-expect-error select and include at one level
  await db.user.findMany({ select: { id: true }, include: { posts: true } });
  // @ts-expect-error select and include at one nested level
  await db.user.findMany({ include: { posts: { select: { id: true }, include: { author: true } } } });
}

export async function includeShapes() {
  const u = await db.user.findUniqueOrThrow({
    where: { id: "u1" },
    include: { posts: true, profile: true, manager: true },
  });
  expectTypeOf(u.posts).toEqualTypeOf<Post[]>();
  // hasOne: always nullable; belongsTo on a nullable key: nullable.
  expectTypeOf(u.profile).toEqualTypeOf<Profile | null>();
  expectTypeOf(u.manager).toEqualTypeOf<User | null>();
  expectTypeOf(u.email).toEqualTypeOf<string>();

  const p = await db.post.findFirstOrThrow({ include: { author: true, comments: { include: { author: true } } } });
  // Required belongsTo: never null.
  expectTypeOf(p.author).toEqualTypeOf<User>();
  expectTypeOf(p.comments[0]!.author).toEqualTypeOf<User | null>();
  expectTypeOf(p.comments[0]!.likes).toEqualTypeOf<number>();

  const plain = await db.user.findUnique({ where: { email: "a@x.io" } });
  expectTypeOf(plain).toEqualTypeOf<User | null>();
  // @ts-expect-error relations appear only when included
  plain?.posts;

  // @ts-expect-error a scalar cannot be included
  await db.user.findMany({ include: { email: true } });
  // @ts-expect-error Category has no relations
  await db.category.findMany({ include: { posts: true } });
}

export async function scalarTypes() {
  const u = await db.user.findUniqueOrThrow({ where: { id: "u1" } });
  expectTypeOf(u.age).toEqualTypeOf<number | null>();
  expectTypeOf(u.balance).toEqualTypeOf<bigint>();
  expectTypeOf(u.createdAt).toEqualTypeOf<Date>();
  expectTypeOf(u.role).toEqualTypeOf<"admin" | "member">();
  expectTypeOf(u.settings).toEqualTypeOf<Json | null>();
  expectTypeOf(u.avatar).toEqualTypeOf<Uint8Array | null>();
  const p = await db.post.findUniqueOrThrow({ where: { id: 1 } });
  expectTypeOf(p.visibility).toEqualTypeOf<"public" | "private">();
  expectTypeOf(p.id).toEqualTypeOf<number>();
}

export async function whereOperators() {
  await db.user.findMany({
    where: {
      name: { startsWith: "A", not: { contains: "x" } },
      age: { gte: 18, isNull: false },
      createdAt: { lt: new Date() },
      balance: { gt: 10n },
      role: { in: ["admin"] },
      settings: { equals: { a: 1 } },
      managerId: null,
      OR: [{ role: "admin" }, { visits: { gt: 10 } }],
      NOT: { email: { endsWith: "@spam.io" } },
      posts: { some: { published: true }, none: { title: { contains: "draft" } } },
      profile: { is: null },
    },
  });
  await db.post.findMany({ where: { author: { is: { name: "Ann" } }, comments: { every: { likes: { gt: 0 } } } } });

  // @ts-expect-error startsWith exists on strings only
  await db.user.findMany({ where: { visits: { startsWith: "1" } } });
  // @ts-expect-error gt does not exist on booleans
  await db.user.findMany({ where: { active: { gt: true } } });
  // @ts-expect-error isNull exists on nullable fields only
  await db.user.findMany({ where: { email: { isNull: true } } });
  // @ts-expect-error a value outside the enum
  await db.user.findMany({ where: { role: "owner" } });
  // @ts-expect-error Json compares with { equals } only, not a plain value
  await db.user.findMany({ where: { settings: { a: 1 } } });
  // @ts-expect-error unknown field in where
  await db.user.findMany({ where: { nope: 1 } });
  // @ts-expect-error some/none/every are for to-many relations
  await db.post.findMany({ where: { author: { some: {} } } });
  // @ts-expect-error is: null only on an optional to-one relation
  await db.post.findMany({ where: { author: { is: null } } });
  // @ts-expect-error a nested where checks its keys too
  await db.user.findMany({ include: { posts: { where: { nope: true } } } });
}

export async function uniqueWhere() {
  await db.user.findUnique({ where: { id: "u1" } });
  await db.user.findUnique({ where: { email: "a@x.io", name: "Ann" } });
  await db.post.findUnique({ where: { authorId_slug: { authorId: "u1", slug: "hello" } } });
  await db.category.findUnique({ where: { slug_locale: { slug: "a", locale: "en" } } });
  await db.user.findMany({ cursor: { id: "u1" }, take: 20, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });

  // @ts-expect-error name is not unique
  await db.user.findUnique({ where: { name: "Ann" } });
  // @ts-expect-error a composite key needs all its fields
  await db.post.findUnique({ where: { authorId_slug: { authorId: "u1" } } });
  // @ts-expect-error the unique value must be a plain value, not a filter
  await db.user.findUnique({ where: { id: { in: ["a"] } } });
}

export async function createAndUpdate() {
  const created = await db.user.create({
    data: { email: "a@x.io", name: "Ann", visits: 0, role: "member", balance: 0n, avatar: null },
  });
  expectTypeOf(created).toEqualTypeOf<User>();
  const selected = await db.post.create({
    data: { authorId: "u1", title: "t", slug: "s", createdAt: new Date(), meta: {} },
    select: { id: true },
  });
  expectTypeOf(selected).toEqualTypeOf<{ id: number }>();

  // @ts-expect-error name is required (no default, not nullable)
  await db.user.create({ data: { email: "a@x.io", visits: 0, role: "member", balance: 0n } });
  // @ts-expect-error unknown field
  await db.user.create({ data: { email: "a@x.io", name: "A", visits: 0, role: "member", balance: 0n, nope: 1 } });
  await db.post.create({
    data: {
      authorId: "u1",
      title: "t",
      slug: "s",
      createdAt: new Date(),
      meta: {},
      // @ts-expect-error relation fields cannot be set (nested writes are not supported)
      author: {},
    },
  });

  await db.user.update({ where: { id: "u1" }, data: { name: "B", visits: { increment: 1 }, age: { set: null } } });
  await db.user.update({ where: { email: "a@x.io" }, data: { balance: { multiply: 2n }, settings: { a: [1] } } });
  // @ts-expect-error one arithmetic operator at a time
  await db.user.update({ where: { id: "u1" }, data: { visits: { increment: 1, decrement: 1 } } });
  // @ts-expect-error increment exists on numbers only
  await db.user.update({ where: { id: "u1" }, data: { name: { increment: 1 } } });
  // @ts-expect-error update needs a unique where
  await db.user.update({ where: { name: "x" }, data: {} });

  const up = await db.user.upsert({
    where: { email: "a@x.io" },
    create: { email: "a@x.io", name: "Ann", visits: 0, role: "member", balance: 0n },
    update: { visits: { increment: 1 } },
    include: { posts: true },
  });
  expectTypeOf(up.posts).toEqualTypeOf<Post[]>();
  const deleted = await db.comment.delete({ where: { id: "c1" }, select: { body: true } });
  expectTypeOf(deleted).toEqualTypeOf<{ body: string }>();
}

export async function countsAndBatches() {
  expectTypeOf(await db.user.count({ where: { role: "admin" } })).toEqualTypeOf<number>();
  expectTypeOf(
    await db.user.createMany({ data: [{ email: "a", name: "A", visits: 0, role: "member", balance: 1n }] }),
  ).toEqualTypeOf<{
    count: number;
  }>();
  expectTypeOf(await db.user.updateMany({ where: { role: "member" }, data: { active: false } })).toEqualTypeOf<{
    count: number;
  }>();
  expectTypeOf(await db.post.deleteMany({ where: { published: false } })).toEqualTypeOf<{ count: number }>();
  // @ts-expect-error updateMany data is checked like update
  await db.user.updateMany({ data: { nope: 1 } });
}

export async function orderBy() {
  await db.post.findMany({ orderBy: { createdAt: "desc" } });
  // @ts-expect-error orderBy only on scalar fields
  await db.user.findMany({ orderBy: { posts: "asc" } });
  // @ts-expect-error asc or desc only
  await db.user.findMany({ orderBy: { name: "up" } });
  // @ts-expect-error Json fields are not orderable
  await db.user.findMany({ orderBy: { settings: "asc" } });
}

export async function clientSurface(signal: AbortSignal) {
  for await (const row of db.post.stream({
    where: { published: true },
    batchSize: 100,
    signal,
    select: { title: true },
  })) {
    expectTypeOf(row).toEqualTypeOf<{ title: string }>();
  }
  const plan = await db.user.findMany({ where: { name: "A" } }).explain();
  expectTypeOf(plan.cacheHit).toEqualTypeOf<boolean>();
  expectTypeOf(plan.operations).toEqualTypeOf<{ kind: string; text: string }[]>();
  const n = await db.transaction(async (tx) => tx.user.count(), { isolation: "serializable", retry: { attempts: 3 } });
  expectTypeOf(n).toEqualTypeOf<number>();
  // @ts-expect-error isolation levels are a closed set
  await db.transaction(async () => 1, { isolation: "chaos" });
  // Delegates are the model name with a lower-case first letter.
  expectTypeOf(await db.todoList.findMany()).toEqualTypeOf<{ id: number; title: string }[]>();
  // @ts-expect-error no such model
  db.todoLists;
  await db.push();
  await db.close();
  expectTypeOf(db.driver).toEqualTypeOf<Driver>();
}

export async function nullabilityAndArrays() {
  const u = await db.user.findUniqueOrThrow({ where: { id: "u1" }, include: { reports: true, manager: true } });
  expectTypeOf(u.reports).toEqualTypeOf<User[]>();
  expectTypeOf(u.managerId).toEqualTypeOf<string | null>();
  expectTypeOf(u.name).toEqualTypeOf<string>();
  const c = await db.comment.findFirstOrThrow({ include: { post: true } });
  expectTypeOf(c.post).toEqualTypeOf<Post>();
  expectTypeOf(c.authorId).toEqualTypeOf<string | null>();

  await db.user.create({ data: { email: "a", name: "A", visits: 0, role: "member", balance: 0n, age: null } });
  // @ts-expect-error null on a required field in create
  await db.user.create({ data: { email: "a", name: null, visits: 0, role: "member", balance: 0n } });
  // @ts-expect-error null on a required field in update
  await db.user.update({ where: { id: "u1" }, data: { email: null } });
  // @ts-expect-error { set: null } on a required field
  await db.user.update({ where: { id: "u1" }, data: { visits: { set: null } } });
  // @ts-expect-error a to-many relation is an array, not one row
  const one: User = u.reports;
  void one;
}

export async function whereOperatorsPerType() {
  // @ts-expect-error contains exists on strings only
  await db.user.findMany({ where: { visits: { contains: 1 } } });
  // @ts-expect-error gt does not exist on enums
  await db.user.findMany({ where: { role: { gt: "admin" } } });
  // @ts-expect-error startsWith does not exist on bytes
  await db.user.findMany({ where: { avatar: { startsWith: "x" } } });
  // @ts-expect-error in takes values of the field's type
  await db.user.findMany({ where: { name: { in: ["a", 2] } } });
  // @ts-expect-error a bigint field compares with bigints, not numbers
  await db.user.findMany({ where: { balance: { gt: 1 } } });
  // @ts-expect-error a Date field compares with Dates, not strings
  await db.post.findMany({ where: { createdAt: { lt: "2024-01-01" } } });
  // @ts-expect-error Json has equals only (no gt)
  await db.post.findMany({ where: { meta: { gt: 1 } } });
  // @ts-expect-error isNull on a required Json field
  await db.post.findMany({ where: { meta: { isNull: true } } });
  // @ts-expect-error not takes the field's own filter
  await db.user.findMany({ where: { visits: { not: { startsWith: "1" } } } });
  await db.user.findMany({ where: { visits: { not: { gt: 1 } }, avatar: { equals: new Uint8Array() } } });
}

export async function createManyRows() {
  // @ts-expect-error each createMany row is a full create input
  await db.user.createMany({ data: [{ email: "a" }] });
  // @ts-expect-error createMany takes an array
  await db.user.createMany({ data: { email: "a", name: "A", visits: 0, role: "member", balance: 0n } });
  // @ts-expect-error deleteMany returns a count, not rows
  const rows: User[] = await db.user.deleteMany({});
  void rows;
}

/** Each zod schema is also the input type, and what it parses can be passed to the client as is. */
export async function zodSchemas(body: unknown) {
  expectTypeOf<z.infer<typeof UserCreateInput>>().toExtend<UserCreateInput>();
  expectTypeOf<z.infer<typeof UserUpdateInput>>().toExtend<UserUpdateInput>();
  expectTypeOf<z.infer<typeof PostCreateInput>>().toExtend<PostCreateInput>();
  await db.user.create({ data: UserCreateInput.parse(body) });
  await db.user.update({ where: { id: "u1" }, data: UserUpdateInput.parse(body) });
  const parsed = PostCreateInput.safeParse(body);
  if (parsed.success) expectTypeOf(parsed.data.createdAt).toEqualTypeOf<Date>();
  // @ts-expect-error the schema's output has no unknown keys
  UserCreateInput.parse(body).nope;
}
