/** Rows per multi-row INSERT statement, largest first: any row count is covered by at most one statement of each smaller size. */
const BUCKETS = [1024, 512, 256, 128, 64, 32, 16, 8, 4, 2, 1];

/**
 * How many rows each statement of a multi-row Insert carries, in order: full
 * 1,024-row statements, then one of each smaller power of two the rest needs,
 * each under the backend's parameter limit. So a table's inserts use at most
 * eleven statement texts, each prepared once, whatever the row counts; and
 * statements stay small enough to parse fast (one 40,000-parameter statement
 * took longer on PostgreSQL than ten of 4,000).
 */
export function insertChunks(rows: number, width: number, maxParameters: number): number[] {
  const sizes = width === 0 ? [1] : BUCKETS.filter((n) => n * width <= maxParameters);
  const out: number[] = [];
  let left = rows;
  for (const size of sizes) {
    while (left >= size) {
      out.push(size);
      left -= size;
    }
  }
  return out;
}
