import { startDynamoLocal } from "@strata/driver-dynamo/local";

/**
 * One DynamoDB Local for the whole run (unless STRATA_DYNAMO_ENDPOINT names
 * one): started before the workers, which find it through the variable, and
 * stopped at the end. Each test file uses its own table prefix.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const local = await startDynamoLocal({ timeoutMs: 60_000 });
  process.env.STRATA_DYNAMO_ENDPOINT = local.endpoint;
  return () => local.stop();
}
