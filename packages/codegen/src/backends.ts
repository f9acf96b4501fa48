/** The backends a schema is generated for; some refuse models the others accept (number ids on DynamoDB). */
export type Backend = "sqlite" | "postgres" | "mysql" | "dynamodb";
export const BACKENDS: readonly Backend[] = ["sqlite", "postgres", "mysql", "dynamodb"];
