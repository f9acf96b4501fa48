/** The files `strata init` writes: a SQLite app with two models, a config and a tsconfig. */

export const MODELS = `import { belongsTo, field, hasMany, id, model, unique } from "@strata/core";

@model()
export class User {
  @id() id!: string; // a UUID v7 when not given
  @unique() email!: string;
  @field() name!: string;
  @field({ default: () => new Date() }) createdAt!: Date;
  @hasMany(() => Post, "authorId") posts!: Post[];
}

@model()
export class Post {
  @id() id!: string;
  @field() authorId!: string;
  @belongsTo(() => User, "authorId") author!: User;
  @field() title!: string;
  @field({ default: false }) published!: boolean;
}
`;

export const MAIN = `import { sqlite } from "@strata/driver-sql";
import { createClient } from "./generated/index.js";

// The tables come from the migrations: \`npm run migrate\` (strata migrate dev) creates them.
const db = createClient({ driver: sqlite("app.db") });

const email = \`ann+\${Date.now()}@example.com\`;
const ann = await db.user.create({ data: { email, name: "Ann" } });
await db.post.create({ data: { authorId: ann.id, title: "Hello, Strata" } });
const users = await db.user.findMany({
  where: { email },
  select: { email: true, posts: { select: { title: true } } },
});
console.log(JSON.stringify(users));
await db.close();
`;

export const CONFIG = `import { defineConfig } from "@strata/cli";

export default defineConfig({
  models: "src/models.ts",
  out: "src/generated",
  // The database of strata migrate and strata db (--url and $STRATA_DATABASE_URL win over it).
  url: "sqlite:./app.db",
});
`;

/**
 * Target ES2022 makes TypeScript compile standard decorators to plain
 * functions, which Node 20 runs; with target ESNext they stay native `@`
 * syntax, which it cannot parse (the generated client does not load the
 * models, so only code that imports them needs this). Set
 * "experimentalDecorators": true instead if the project uses that mode.
 */
export const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: "es2022",
      module: "nodenext",
      moduleResolution: "nodenext",
      rootDir: "./src",
      outDir: "./dist",
      strict: true,
      noUncheckedIndexedAccess: true,
      verbatimModuleSyntax: true,
      isolatedModules: true,
      skipLibCheck: true,
      types: [],
    },
    include: ["src"],
  },
  null,
  2,
)}\n`;

export const GITIGNORE = "node_modules/\ndist/\n*.db\n*.db-wal\n*.db-shm\n";

export const SCRIPTS: Record<string, string> = {
  generate: "strata generate",
  migrate: "strata migrate dev",
  build: "tsc",
  start: "node dist/main.js",
};

/** What the app needs installed: runtime, then development. */
export const DEPENDENCIES = ["@strata/core", "@strata/engine", "@strata/driver-sql", "zod", "better-sqlite3@12"];
export const DEV_DEPENDENCIES = ["@strata/cli", "typescript"];
