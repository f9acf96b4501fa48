import type { Connection, Driver, ExecResponse, Operation, Row, StreamOptions } from "@strata/core";

export interface LoggedOperation {
  kind: Operation["kind"];
  text: string;
  /** Whether it ran on a reserved connection (inside a transaction). */
  onConnection: boolean;
  op: Operation;
}

/**
 * Decides whether to fail an operation; return an error to throw it instead of
 * running the op, or a `Stall` to run it and answer late (a slow server).
 */
export type FaultInjector = (op: Operation, index: number) => unknown | undefined;

/** Returned by an injector: the operation runs, but its response arrives `ms` later. */
export class Stall {
  constructor(readonly ms: number) {}
}

/** Returned by an injector: the operation runs on the server, then its reply is lost and `error` is thrown instead. */
export class LoseReply {
  constructor(readonly error: unknown) {}
}

type Fault = { stall: number; lose?: LoseReply };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The response, late or lost as the fault says. */
async function after(fault: Fault, response: ExecResponse): Promise<ExecResponse> {
  if (fault.stall > 0) await sleep(fault.stall);
  if (fault.lose) throw fault.lose.error;
  return response;
}

/**
 * A Driver that wraps any other: it records every Operation (in order, with
 * the driver's own description of it) and can inject a fault on a chosen call.
 */
export class LoggingDriver implements Driver {
  readonly log: LoggedOperation[] = [];
  private injector: FaultInjector | undefined;
  private count = 0;

  constructor(readonly inner: Driver) {}

  get name(): string {
    return this.inner.name;
  }
  get capability() {
    return this.inner.capability;
  }

  /** Operations of the given kinds logged since the last clear(). */
  ops(...kinds: Operation["kind"][]): LoggedOperation[] {
    return kinds.length ? this.log.filter((l) => kinds.includes(l.kind)) : [...this.log];
  }

  clear(): void {
    this.log.length = 0;
  }

  inject(injector: FaultInjector | undefined): void {
    this.injector = injector;
    this.count = 0;
  }

  /** Logs the op and applies the injector: throws its error, or returns what to do after running it. */
  private record(op: Operation, onConnection: boolean): Fault {
    this.log.push({ kind: op.kind, text: this.inner.describe(op), onConnection, op });
    const fault = this.injector?.(op, this.count++);
    if (fault instanceof Stall) return { stall: fault.ms };
    if (fault instanceof LoseReply) return { stall: 0, lose: fault };
    if (fault !== undefined) throw fault;
    return { stall: 0 };
  }

  async exec(op: Operation): Promise<ExecResponse> {
    return after(this.record(op, false), await this.inner.exec(op));
  }

  streamPages(op: Operation, options: StreamOptions): AsyncIterable<Row[]> {
    this.record(op, false);
    return this.inner.streamPages(op, options);
  }

  async connect(): Promise<Connection> {
    const conn = await this.inner.connect();
    const record = (op: Operation) => this.record(op, true);
    const cancel = conn.cancel?.bind(conn);
    return {
      exec: async (op) => {
        const fault = record(op);
        return after(fault, await conn.exec(op));
      },
      streamPages: (op, options) => {
        record(op);
        return conn.streamPages(op, options);
      },
      ping: () => conn.ping(),
      close: () => conn.close(),
      ...(cancel ? { cancel } : {}),
    };
  }

  push: Driver["push"] = (schema) => this.inner.push(schema);
  describe: Driver["describe"] = (op) => this.inner.describe(op);
  introspect: Driver["introspect"] = () => this.inner.introspect();
  ping: Driver["ping"] = () => this.inner.ping();
  version: Driver["version"] = () => this.inner.version();
  close: Driver["close"] = () => this.inner.close();
}
