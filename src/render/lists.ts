/** What every format marks a bulleted list item with, by nesting level (0 = outermost): one definition for DOCX and PDF. */
export const BULLETS = ['•', '◦', '▪'] as const;

export function bulletAt(level: number): string {
  return BULLETS[level % BULLETS.length]!;
}
