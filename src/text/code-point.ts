/** A character as Unicode names it in messages: `U+202E`. */
export function codePoint(char: string | number): string {
  const cp = typeof char === 'number' ? char : char.codePointAt(0)!;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}
