/** The bench tables as Kysely sees them (storage types: SQLite has 0/1 booleans and epoch-ms dates). */
export interface KyselyDb<B, D> {
  users: { id: string; email: string; name: string; age: number; active: B; createdAt: D };
  posts: { id: string; authorId: string; title: string; views: number };
  comments: { id: string; postId: string; body: string };
  events: { id: string; kind: string; amount: number; at: D };
}
