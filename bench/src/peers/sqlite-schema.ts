import { relations } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** The bench schema as Drizzle declares it for SQLite (same tables and columns Strata pushes). */
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    age: integer("age").notNull(),
    active: integer("active", { mode: "boolean" }).notNull(),
    createdAt: integer("createdAt", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("users_age_id_idx").on(t.age, t.id)],
);
export const posts = sqliteTable("posts", {
  id: text("id").primaryKey(),
  authorId: text("authorId").notNull(),
  title: text("title").notNull(),
  views: integer("views").notNull(),
});
export const comments = sqliteTable("comments", {
  id: text("id").primaryKey(),
  postId: text("postId").notNull(),
  body: text("body").notNull(),
});
export const events = sqliteTable("events", {
  id: text("id").primaryKey(),
  kind: text("kind").notNull(),
  amount: integer("amount").notNull(),
  at: integer("at", { mode: "timestamp_ms" }).notNull(),
});
export const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));
export const postsRelations = relations(posts, ({ one, many }) => ({
  author: one(users, { fields: [posts.authorId], references: [users.id] }),
  comments: many(comments),
}));
export const commentsRelations = relations(comments, ({ one }) => ({
  post: one(posts, { fields: [comments.postId], references: [posts.id] }),
}));
