import { appendFileSync } from "node:fs";

/**
 * Prints one line of figures for docs/reliability.md. With
 * STRATA_FIGURES=<file> set, the same line is also appended to that file as JSON.
 */
export function report(name: string, figures: Record<string, number | string>): void {
  const text = Object.entries(figures)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  console.log(`[reliability] ${name}: ${text}`);
  const file = process.env.STRATA_FIGURES;
  if (file) appendFileSync(file, `${JSON.stringify({ name, ...figures })}\n`);
}
