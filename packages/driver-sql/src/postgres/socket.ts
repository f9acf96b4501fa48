import { Duplex } from "node:stream";
import type { SocketTarget } from "./options.ts";

/**
 * What pg expects of its `stream` (a net.Socket's connect/setNoDelay/'connect'
 * event) on top of a Duplex that an async factory opens, e.g. an SSH channel.
 */
export class TunnelSocket extends Duplex {
  private inner: Duplex | undefined;
  private unrefed = false;
  private readonly pending: { chunk: Buffer; done: (err?: Error | null) => void }[] = [];

  constructor(private readonly open: (target: SocketTarget) => Promise<Duplex>) {
    super();
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  /** pg unrefs idle sockets (allowExitOnIdle); forwarded when the inner stream is a socket. */
  unref(): this {
    this.unrefed = true;
    forward(this.inner, "unref");
    return this;
  }

  ref(): this {
    this.unrefed = false;
    forward(this.inner, "ref");
    return this;
  }

  connect(port: number, host: string): this {
    this.open({ host, port }).then(
      (inner) => this.attach(inner),
      (err: unknown) => this.destroy(err instanceof Error ? err : new Error(String(err))),
    );
    return this;
  }

  private attach(inner: Duplex): void {
    if (this.destroyed) {
      inner.destroy();
      return;
    }
    this.inner = inner;
    if (this.unrefed) forward(inner, "unref");
    inner.on("data", (chunk: Buffer) => {
      if (!this.push(chunk)) inner.pause();
    });
    inner.on("end", () => this.push(null));
    inner.on("error", (err) => this.destroy(err));
    inner.on("close", () => this.destroy());
    for (const { chunk, done } of this.pending.splice(0)) inner.write(chunk, done);
    this.emit("connect");
  }

  override _read(): void {
    this.inner?.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    if (this.inner) this.inner.write(chunk, done);
    else this.pending.push({ chunk, done });
  }

  override _final(done: (err?: Error | null) => void): void {
    if (this.inner) this.inner.end(done);
    else done();
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.inner?.destroy();
    done(err);
  }
}

function forward(stream: Duplex | undefined, method: "ref" | "unref"): void {
  const fn: unknown = stream ? Reflect.get(stream, method) : undefined;
  if (typeof fn === "function") fn.call(stream);
}
