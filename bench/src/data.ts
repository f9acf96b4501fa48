/** The data every backend and every peer reads: users, 10 posts each, 3 comments per post. */
export interface Sizes {
  users: number;
  postsPerUser: number;
  commentsPerPost: number;
  /** Rows per createMany (P4). */
  insertRows: number;
  /** Rows streamed (P5). */
  streamRows: number;
}

export const FULL: Sizes = {
  users: 2000,
  postsPerUser: 10,
  commentsPerPost: 3,
  insertRows: 10_000,
  streamRows: 1_000_000,
};
export const QUICK: Sizes = {
  users: 1000,
  postsPerUser: 10,
  commentsPerPost: 3,
  insertRows: 10_000,
  streamRows: 100_000,
};
export const TINY: Sizes = { users: 120, postsPerUser: 4, commentsPerPost: 2, insertRows: 50, streamRows: 500 };

export interface UserRow {
  id: string;
  email: string;
  name: string;
  age: number;
  active: boolean;
  createdAt: Date;
}
export interface PostRow {
  id: string;
  authorId: string;
  title: string;
  views: number;
}
export interface CommentRow {
  id: string;
  postId: string;
  body: string;
}
export interface EventRow {
  id: string;
  kind: string;
  amount: number;
  at: Date;
}

export const userId = (i: number) => `u${String(i).padStart(7, "0")}`;

export function makeData(s: Sizes) {
  const users: UserRow[] = [];
  const posts: PostRow[] = [];
  const comments: CommentRow[] = [];
  for (let u = 0; u < s.users; u++) {
    users.push({
      id: userId(u),
      email: `user${u}@example.com`,
      name: `User ${u}`,
      age: u % 90,
      active: u % 3 !== 0,
      createdAt: new Date(1_700_000_000_000 + u * 1000),
    });
    for (let p = 0; p < s.postsPerUser; p++) {
      const postId = `p${String(u).padStart(7, "0")}_${p}`;
      posts.push({ id: postId, authorId: userId(u), title: `Post ${p} by ${u}`, views: (u * 7 + p) % 1000 });
      for (let c = 0; c < s.commentsPerPost; c++) {
        comments.push({ id: `${postId}_c${c}`, postId, body: `Comment ${c} on ${postId}` });
      }
    }
  }
  return { users, posts, comments };
}

let eventSeq = 0;
/** Fresh rows for one createMany: ids never repeat within a process. */
export function makeEvents(n: number): EventRow[] {
  const run = eventSeq++;
  const at = new Date(1_700_000_000_000);
  return Array.from({ length: n }, (_, i) => ({
    id: `e${run}_${i}`,
    kind: i % 2 ? "click" : "view",
    amount: i % 100,
    at,
  }));
}

/** P2's filter: active users of at least this age, by age then id, 100 rows. */
export const P2_MIN_AGE = 30;
export const P2_TAKE = 100;
/** P3: this many users with their posts and the posts' comments. */
export const P3_USERS = 10;

/** A cycling id picker, so point reads do not hit one cached page only. */
export function cycler<T>(items: readonly T[]): () => T {
  let i = 0;
  resets.push(() => {
    i = 0;
  });
  return () => items[i++ % items.length]!;
}

const resets: (() => void)[] = [];
/** Starts every picker over (the smoke test gives each task the same inputs). */
export function resetCyclers(): void {
  for (const reset of resets) reset();
}
