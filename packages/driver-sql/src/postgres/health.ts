/**
 * After one connection is found dead, its idle siblings may be dead too (a
 * server restart, a network cut). The next acquisitions — as many as there
 * were idle connections — ping before use and drop the connections that fail.
 */
export class PoolHealth {
  private suspects = 0;

  connectionLost(idleCount: number): void {
    this.suspects = Math.max(this.suspects, idleCount);
  }

  /** Whether the connection about to be used should be pinged first. */
  takeSuspect(): boolean {
    if (this.suspects === 0) return false;
    this.suspects--;
    return true;
  }
}
