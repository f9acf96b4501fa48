import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * better-sqlite3, pg, pg-cursor and mysql2 are optional peers: only
 * src/native.ts loads them, on first use. A value import anywhere else would
 * make every app install every backend's library (or fail to start).
 */
const NATIVE = ["better-sqlite3", "pg", "pg-cursor", "mysql2"];
const src = path.join(import.meta.dirname, "../src");

describe("the backends' libraries are loaded only on first use", () => {
  it("no module but native.ts imports them as values (type imports are fine)", () => {
    const offenders: string[] = [];
    for (const entry of fs.readdirSync(src, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
      const file = path.join(entry.parentPath, entry.name);
      const text = fs.readFileSync(file, "utf8");
      for (const m of text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gm)) {
        const spec = m[1]!;
        if (NATIVE.some((n) => spec === n || spec.startsWith(`${n}/`)))
          offenders.push(`${path.relative(src, file)}: ${m[0]}`);
      }
      if (/\bimport\(\s*"(better-sqlite3|pg|pg-cursor|mysql2)/.test(text) && entry.name !== "native.ts")
        offenders.push(`${path.relative(src, file)}: dynamic import`);
    }
    expect(offenders).toEqual([]);
  });
});
