import type { AppSchema } from "@strata/core";
import fc from "fast-check";

/**
 * The differential schema: users with a nullable field of every comparable
 * type, and posts per user. String ids are given by the data (DynamoDB has no
 * autoincrement), so every backend holds the very same rows.
 */
export const ROLES = ["admin", "member", "guest"] as const;

export const diffSchema: AppSchema = {
  models: [
    {
      name: "DUser",
      table: "d_users",
      id: ["id"],
      fields: [
        { name: "id", type: "string", nullable: false },
        { name: "name", type: "string", nullable: true },
        { name: "age", type: "int", nullable: true },
        { name: "score", type: "number", nullable: true },
        { name: "born", type: "date", nullable: true },
        { name: "active", type: "boolean", nullable: true },
        { name: "role", type: "enum", nullable: true, enumValues: ROLES },
        { name: "balance", type: "bigint", nullable: true },
        { name: "meta", type: "json", nullable: true },
      ],
      indexes: [],
      relations: [{ name: "posts", kind: "hasMany", target: "DPost", foreignKey: ["authorId"], references: ["id"] }],
    },
    {
      name: "DPost",
      table: "d_posts",
      id: ["id"],
      fields: [
        { name: "id", type: "string", nullable: false },
        { name: "authorId", type: "string", nullable: false },
        { name: "title", type: "string", nullable: false },
        { name: "views", type: "int", nullable: true },
        { name: "rating", type: "number", nullable: true },
      ],
      indexes: [],
      relations: [{ name: "author", kind: "belongsTo", target: "DUser", foreignKey: ["authorId"], references: ["id"] }],
    },
  ],
};

/**
 * Value pools shared by the data and the queries, so filters hit rows. Strings
 * mix case, LIKE metacharacters and a prefix chain (no trailing spaces: MariaDB
 * PAD SPACE, docs/reliability.md). Numbers include the int32 limits, fractions
 * and large doubles within DynamoDB's number range (docs/reliability.md); dates carry milliseconds.
 */
export const pools = {
  string: ["", "a", "A", "ab", "aB", "b", "B", "ba", "a%", "_b", "a\\b", "Zz", "zz", "é", "a b"],
  int: [-2147483648, -7, -1, 0, 1, 2, 7, 42, 1000, 2147483647],
  number: [-1e125, -2.5, -0.1, 0, 0.1, 0.30000000000000004, 1 / 3, 2.5, 7, 123456.789, 1e-7, 9.5e125],
  date: [
    "1970-01-01T00:00:00.000Z",
    "1999-12-31T23:59:59.999Z",
    "2000-01-01T00:00:00.000Z",
    "2024-02-29T12:34:56.789Z",
    "2024-02-29T12:34:56.790Z",
    "2038-01-19T03:14:08.001Z",
    // The edges every backend keeps (MySQL from year 1000, DynamoDB to 9999), and just before the epoch.
    "1000-01-01T00:00:00.000Z",
    "1969-12-31T23:59:59.999Z",
    "9999-12-31T23:59:59.999Z",
  ].map((s) => new Date(s)),
  bigint: [-(2n ** 63n), -1n, 0n, 1n, 2n ** 53n + 1n, 2n ** 63n - 1n],
  // The same objects with their keys in other orders, arrays in other orders, integer-like keys, scalars.
  json: [
    { a: 1, b: [1, 2] },
    { b: [1, 2], a: 1 },
    { a: 1, b: [2, 1] },
    { nested: { z: null, y: {}, x: [true, "é"] }, k: "v" },
    { k: "v", nested: { x: [true, "é"], y: {}, z: null } },
    { "10": "ten", "9": "nine", b: 0 },
    [1, { y: 2, x: 1 }],
    [],
    {},
    "text",
    42,
    -0.5,
    true,
  ] as unknown[],
} as const;

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });
const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);

export interface UserRow {
  id: string;
  name: string | null;
  age: number | null;
  score: number | null;
  born: Date | null;
  active: boolean | null;
  role: (typeof ROLES)[number] | null;
  balance: bigint | null;
  meta: unknown;
}
export interface PostRow {
  id: string;
  authorId: string;
  title: string;
  views: number | null;
  rating: number | null;
}

const userFields = fc.record({
  name: nullable(pick(pools.string)),
  age: nullable(pick(pools.int)),
  score: nullable(pick(pools.number)),
  born: nullable(pick(pools.date)),
  active: nullable(fc.boolean()),
  role: nullable(pick(ROLES)),
  balance: nullable(pick(pools.bigint)),
  meta: nullable(pick(pools.json)),
});
const postFields = fc.record({
  title: pick(pools.string),
  views: nullable(pick(pools.int)),
  rating: nullable(pick(pools.number)),
});

/** 8–16 users with 0–4 posts each; ids sort in creation order. */
export const datasetArb = fc
  .array(fc.tuple(userFields, fc.array(postFields, { maxLength: 4 })), { minLength: 8, maxLength: 16 })
  .map((entries) => {
    const users: UserRow[] = [];
    const posts: PostRow[] = [];
    entries.forEach(([u, ps], i) => {
      const id = `u${String(i).padStart(2, "0")}`;
      users.push({ id, ...u });
      for (const [j, p] of ps.entries()) posts.push({ id: `${id}p${j}`, authorId: id, ...p });
    });
    return { users, posts };
  });

export type Dataset = { users: UserRow[]; posts: PostRow[] };

/** Two fixed users every dataset holds: one at the extremes of every type, one all null. */
const EDGES: UserRow[] = [
  {
    id: "u98",
    name: "zz",
    age: 2147483647,
    score: 9.5e125,
    born: new Date("2038-01-19T03:14:08.001Z"),
    active: false,
    role: "guest",
    balance: 2n ** 63n - 1n,
    meta: { z: [{ b: 1, a: 2 }], a: "first" },
  },
  {
    id: "u99",
    name: null,
    age: null,
    score: null,
    born: null,
    active: null,
    role: null,
    balance: null,
    meta: null,
  },
];

/** The dataset of a seed (the same rows on every backend and every run with that seed), plus EDGES. */
export function dataset(seed: number): Dataset {
  const [data] = fc.sample(datasetArb, { numRuns: 1, seed });
  if (!data) throw new Error("no dataset");
  return {
    users: [...data.users, ...EDGES],
    posts: [...data.posts, { id: "u98p0", authorId: "u98", title: "a%", views: -2147483648, rating: -1e125 }],
  };
}
