import fs from "node:fs";
import path from "node:path";
import type { ModelIssue } from "../errors.ts";

/** The .ts files to read: each path is a file, or a directory searched recursively; sorted for stable output. */
export function modelFiles(paths: readonly string[], issues: ModelIssue[]): string[] {
  const found = new Set<string>();
  for (const p of paths) {
    const abs = path.resolve(p);
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (!stat) {
      issues.push({
        file: abs,
        line: 1,
        message: "the models path does not exist",
        hint: "pass --models <file.ts | directory>",
      });
    } else if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(abs, { recursive: true, encoding: "utf8" })) {
        const full = path.join(abs, entry);
        if (isModelSource(entry) && !full.split(path.sep).includes("node_modules")) found.add(full);
      }
    } else {
      found.add(abs);
    }
  }
  return [...found].sort();
}

function isModelSource(name: string): boolean {
  return name.endsWith(".ts") && !name.endsWith(".d.ts") && !/\.(test|spec)\.ts$/.test(name);
}
