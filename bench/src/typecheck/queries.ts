import { lower, modelName, parentsOf } from "./models.ts";

/**
 * Source text of `count` typed queries over the synthetic schema, spread over
 * the models and the query kinds (reads with where/select/include, writes,
 * counts), each result used so its type is computed.
 */
export function queriesSource(models: number, count: number): string {
  const bodies: string[] = [];
  for (let q = 0; q < count; q++) {
    const i = q % models;
    bodies.push(query(q, i));
  }
  const chunks: string[] = [];
  for (let start = 0; start < bodies.length; start += 50) {
    chunks.push(`export async function queries${start / 50}() {\n${bodies.slice(start, start + 50).join("\n")}\n}`);
  }
  return `import type { Driver } from "@strata/core";
import { createClient } from "./generated/index.js";

declare const driver: Driver;
const db = createClient({ driver });
const seen: unknown[] = [];

${chunks.join("\n\n")}
`;
}

function query(q: number, i: number): string {
  const d = `db.${lower(modelName(i))}`;
  const parents = parentsOf(i).map((p) => lower(modelName(p)));
  const parentRel = parents[0];
  const keys = parents.map((p) => `, ${p}Id: "p"`).join("");
  const v = `r${q}`;
  switch (q % 8) {
    case 0:
      return `  const ${v} = await ${d}.findMany({ where: { title: { startsWith: "a" }, rank: { gte: ${q} }, OR: [{ status: "live" }, { done: true }] }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: 20 });\n  seen.push(${v}[0]?.title.length);`;
    case 1:
      return `  const ${v} = await ${d}.findMany({ select: { id: true, slug: true, total: true }, where: { note: null } });\n  seen.push(${v}[0]?.total);`;
    case 2:
      return parentRel
        ? `  const ${v} = await ${d}.findFirstOrThrow({ include: { ${parentRel}: { select: { title: true, status: true } } } });\n  seen.push(${v}.${parentRel}.status);`
        : `  const ${v} = await ${d}.findFirst({ where: { createdAt: { lt: new Date() } } });\n  seen.push(${v}?.createdAt);`;
    case 3:
      return `  const ${v} = await ${d}.create({ data: { slug: "s${q}", title: "t", rank: ${q}, total: ${q}n, status: "draft"${keys} } });\n  seen.push(${v}.id);`;
    case 4:
      return `  const ${v} = await ${d}.update({ where: { slug: "s${q}" }, data: { rank: { increment: 1 }, note: null, status: { set: "live" } }, select: { rank: true } });\n  seen.push(${v}.rank);`;
    case 5:
      return `  const ${v} = await ${d}.count({ where: { status: { in: ["draft", "gone"] }, score: { gt: 1.5 } } });\n  seen.push(${v});`;
    case 6:
      return `  const ${v} = await ${d}.findUnique({ where: { id: "x${q}" }, select: { title: true${parentRel ? `, ${parentRel}: { select: { slug: true } }` : ""} } });\n  seen.push(${v}?.title);`;
    default:
      return `  const ${v} = await ${d}.updateMany({ where: { done: false, blob: { isNull: true } }, data: { done: true } });\n  seen.push(${v}.count);`;
  }
}
