import { relations } from "drizzle-orm";
import { datetime, int, boolean as myBoolean, mysqlTable, text as myText, varchar } from "drizzle-orm/mysql-core";
import { boolean, integer, pgSchema, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The bench schema as Drizzle declares it on PostgreSQL (in the run's schema)
 * and on MariaDB: the same tables and column types Strata pushes there.
 */
export function pgTables(schemaName: string) {
  const s = pgSchema(schemaName);
  const users = s.table("users", {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    age: integer("age").notNull(),
    active: boolean("active").notNull(),
    createdAt: timestamp("createdAt", { withTimezone: true, mode: "date" }).notNull(),
  });
  const posts = s.table("posts", {
    id: text("id").primaryKey(),
    authorId: text("authorId").notNull(),
    title: text("title").notNull(),
    views: integer("views").notNull(),
  });
  const comments = s.table("comments", {
    id: text("id").primaryKey(),
    postId: text("postId").notNull(),
    body: text("body").notNull(),
  });
  const events = s.table("events", {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    amount: integer("amount").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
  });
  const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));
  const postsRelations = relations(posts, ({ one, many }) => ({
    author: one(users, { fields: [posts.authorId], references: [users.id] }),
    comments: many(comments),
  }));
  const commentsRelations = relations(comments, ({ one }) => ({
    post: one(posts, { fields: [comments.postId], references: [posts.id] }),
  }));
  return { users, posts, comments, events, usersRelations, postsRelations, commentsRelations };
}

export function mysqlTables() {
  const users = mysqlTable("users", {
    id: varchar("id", { length: 191 }).primaryKey(),
    email: varchar("email", { length: 191 }).notNull(),
    name: myText("name").notNull(),
    age: int("age").notNull(),
    active: myBoolean("active").notNull(),
    createdAt: datetime("createdAt", { mode: "date", fsp: 3 }).notNull(),
  });
  const posts = mysqlTable("posts", {
    id: varchar("id", { length: 191 }).primaryKey(),
    authorId: varchar("authorId", { length: 191 }).notNull(),
    title: myText("title").notNull(),
    views: int("views").notNull(),
  });
  const comments = mysqlTable("comments", {
    id: varchar("id", { length: 191 }).primaryKey(),
    postId: varchar("postId", { length: 191 }).notNull(),
    body: myText("body").notNull(),
  });
  const events = mysqlTable("events", {
    id: varchar("id", { length: 191 }).primaryKey(),
    kind: myText("kind").notNull(),
    amount: int("amount").notNull(),
    at: datetime("at", { mode: "date", fsp: 3 }).notNull(),
  });
  const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));
  const postsRelations = relations(posts, ({ one, many }) => ({
    author: one(users, { fields: [posts.authorId], references: [users.id] }),
    comments: many(comments),
  }));
  const commentsRelations = relations(comments, ({ one }) => ({
    post: one(posts, { fields: [comments.postId], references: [posts.id] }),
  }));
  return { users, posts, comments, events, usersRelations, postsRelations, commentsRelations };
}
