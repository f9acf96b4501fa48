/** PostgreSQL truncates application_name to NAMEDATALEN - 1 bytes. */
const MAX_BYTES = 63;

/** `strata/<name>` or `strata/<name>/<tenant>`, cut to 63 bytes without splitting a UTF-8 character. */
export function applicationName(name: string, tenant?: string): string {
  return cutUtf8(tenant === undefined ? `strata/${name}` : `strata/${name}/${tenant}`, MAX_BYTES);
}

export function cutUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  // Back up over continuation bytes (10xxxxxx) to the start of the character that did not fit.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString("utf8");
}
