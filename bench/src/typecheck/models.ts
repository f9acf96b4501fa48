/**
 * Source text of a synthetic schema for the type-check budget: `count`
 * models, each with a scalar of every type and relations to two others
 * (its predecessor and a model further along), with the hasMany back sides.
 */
export function modelName(i: number): string {
  return `Entity${String(i).padStart(3, "0")}`;
}

/** The models that model `i` belongs to: the one before it and one further back (none for the first). */
export function parentsOf(i: number): number[] {
  if (i === 0) return [];
  const far = (i * 7 + 3) % i;
  return far === i - 1 ? [i - 1] : [i - 1, far];
}

export function modelsSource(count: number): string {
  const children = new Map<number, number[]>();
  for (let i = 0; i < count; i++) for (const p of parentsOf(i)) children.set(p, [...(children.get(p) ?? []), i]);
  const classes = Array.from({ length: count }, (_, i) => {
    const name = modelName(i);
    const belongs = parentsOf(i).flatMap((p) => [
      `  @field() ${lower(modelName(p))}Id!: string;`,
      `  @belongsTo(() => ${modelName(p)}, "${lower(modelName(p))}Id") ${lower(modelName(p))}!: ${modelName(p)};`,
    ]);
    const many = (children.get(i) ?? []).map(
      (c) => `  @hasMany(() => ${modelName(c)}, "${lower(name)}Id") ${lower(modelName(c))}s!: ${modelName(c)}[];`,
    );
    return `@model()
@index(["status", "createdAt"])
export class ${name} {
  @id() id!: string;
  @unique() slug!: string;
  @field() title!: string;
  @field() note?: string | null;
  @field({ type: "int" }) rank!: number;
  @field() score?: number | null;
  @field() total!: bigint;
  @field({ default: false }) done!: boolean;
  @field({ default: () => new Date() }) createdAt!: Date;
  @field() status!: "draft" | "live" | "gone";
  @field() data?: Json;
  @field() blob?: Uint8Array | null;
${[...belongs, ...many].join("\n")}
}
`;
  });
  return `import { belongsTo, field, hasMany, id, index, type Json, model, unique } from "@strata/core";\n\n${classes.join("\n")}`;
}

export function lower(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
