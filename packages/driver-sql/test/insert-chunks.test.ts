import { describe, expect, it } from "vitest";
import { insertChunks } from "../src/insert-chunks.ts";

describe("insertChunks", () => {
  it("covers every row with 1,024-row statements, then at most one of each smaller power of two", () => {
    expect(insertChunks(0, 4, 65535)).toEqual([]);
    expect(insertChunks(1, 4, 65535)).toEqual([1]);
    expect(insertChunks(7, 4, 65535)).toEqual([4, 2, 1]);
    expect(insertChunks(10_000, 4, 65535)).toEqual([
      1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 512, 256, 16,
    ]);
    for (const rows of [3, 1023, 1025, 4097, 12_345]) {
      const chunks = insertChunks(rows, 8, 65535);
      expect(chunks.reduce((a, b) => a + b, 0)).toBe(rows);
      expect(new Set(chunks.filter((n) => n < 1024)).size).toBe(chunks.filter((n) => n < 1024).length);
    }
  });

  it("keeps every statement under the parameter limit, and column-less inserts to one row each", () => {
    // 100 columns: 1,024 rows would be 102,400 parameters; 512 rows (51,200) fit under 65,535.
    expect(Math.max(...insertChunks(5000, 100, 65535))).toBe(512);
    expect(insertChunks(3000, 100, 32766).every((n) => n * 100 <= 32766)).toBe(true);
    expect(insertChunks(3, 0, 65535)).toEqual([1, 1, 1]);
  });
});
