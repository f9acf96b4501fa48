import path from "node:path";

/** One problem in the user's models, pointing at the line to fix. */
export interface ModelIssue {
  /** Absolute path of the model file. */
  file: string;
  line: number;
  message: string;
  /** What to change. */
  hint: string;
}

export function formatIssue(issue: ModelIssue, cwd = process.cwd()): string {
  const file = path.relative(cwd, issue.file) || issue.file;
  return `${file}:${issue.line}: ${issue.message}\n  hint: ${issue.hint}`;
}

/** Thrown by `generate`/`readModels` with every problem found; nothing has been written. */
export class GenerateError extends Error {
  readonly issues: readonly ModelIssue[];
  constructor(issues: readonly ModelIssue[]) {
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    super(
      `strata generate: ${count} in the models, nothing was written:\n${issues.map((i) => formatIssue(i)).join("\n")}`,
    );
    this.name = "GenerateError";
    this.issues = issues;
  }
}
