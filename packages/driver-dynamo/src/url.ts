import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { type DynamoDriver, dynamo } from "./driver.ts";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "0.0.0.0"]);

/**
 * Opens the driver a URL names: `dynamodb://host:port?prefix=app_` (an
 * endpoint over http; `dynamodb+https://…` for https), or `dynamodb:?prefix=app_`
 * for AWS's own endpoint. Region and credentials come from the environment
 * (the SDK's chain); a local endpoint gets dummy ones.
 */
export function dynamoFromUrl(url: string): DynamoDriver {
  const parsed = new URL(url);
  const scheme = parsed.protocol.replace(/:$/, "").toLowerCase();
  if (scheme !== "dynamodb" && scheme !== "dynamodb+https") {
    throw new RangeError(`${url} is not a DynamoDB URL (dynamodb://host:port?prefix=app_)`);
  }
  const tablePrefix = parsed.searchParams.get("prefix") ?? "";
  if (parsed.host === "") return dynamo({ client: new DynamoDBClient({}), tablePrefix });
  const endpoint = `${scheme === "dynamodb" ? "http" : "https"}://${parsed.host}`;
  const config = LOCAL_HOSTS.has(parsed.hostname)
    ? { endpoint, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } }
    : { endpoint };
  return dynamo({ client: new DynamoDBClient(config), tablePrefix });
}

export const isDynamoUrl = (url: string): boolean => /^dynamodb(\+https)?:/i.test(url);
