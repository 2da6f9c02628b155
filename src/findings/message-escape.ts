/*
 * Spectral runs every result message through its template engine: `{{name}}` is looked up and
 * `#{{expr}}` is evaluated. Our messages quote document content (path keys, names, URLs), so a
 * document could otherwise inject template expressions. A zero-width space between the braces
 * keeps them literal; specguard's own output takes it out again.
 */
const ZERO_WIDTH_SPACE = '\u200B';

export function escapeTemplate(message: string): string {
  return message.includes('{{') ? message.replace(/\{\{/g, `{${ZERO_WIDTH_SPACE}{`) : message;
}

export function unescapeTemplate(message: string): string {
  return message.includes(ZERO_WIDTH_SPACE) ? message.replace(/\{\u200B\{/g, '{{') : message;
}
