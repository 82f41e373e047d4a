/**
 * Canonical JSON for signing: object keys sorted (UTF-16 code units), no whitespace, numbers
 * and strings as JSON.stringify writes them (the JCS rules of RFC 8785 for the values Givre
 * emits: finite numbers, no -0). The same object always gives the same bytes, whatever the
 * order its keys were built in, so a signature survives a round trip through any JSON tool.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new Error('canonical JSON: non-finite number');
    if (value === undefined) throw new Error('canonical JSON: undefined');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
