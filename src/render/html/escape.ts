/** Escaping for every context the web page writes text into: HTML text and attributes, CSS strings, JSON inside a script element. */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or an attribute value (quoted with `"`). */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML[c]!);
}

/** A CSS string: quotes, backslashes, line ends and `<` (no `</style>` inside) as CSS escapes. */
export function cssString(s: string): string {
  return `"${s.replace(/[\\"\n\r\f<>\u0000-\u001f]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`;
}

/**
 * JSON for `<script type="application/ld+json">`: `<` (so no `</script>` or
 * `<!--`), `>` and `&` as \u escapes, and U+2028 and U+2029, which end a line in
 * older JavaScript parsers.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

/** A relative address to an output path: each segment percent-encoded, the slashes kept. */
export function pathHref(stem: string, extension: string): string {
  return `${stem}.${extension}`
    .split('/')
    .map((seg) => (seg === '..' || seg === '.' ? seg : encodeURIComponent(seg)))
    .join('/');
}
