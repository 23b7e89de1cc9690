/**
 * The front-matter fence, read without the Markdown parser: folders skip files
 * that do not start like a source, and generate's quick scan reads the few keys
 * it needs (`id`, `translation-of`) before the sources are loaded in workers.
 */

/** Whether a text starts like a source (a `---` line); folders skip files that do not. */
export function hasFrontMatter(text: string): boolean {
  return /^\uFEFF?---[ \t]*\r?\n/.test(text);
}

/** The YAML between the opening `---` and the next `---` line, or undefined when it is not closed. */
export function frontMatterText(text: string): string | undefined {
  if (!hasFrontMatter(text)) return undefined;
  // `m`: the closing fence is a line of its own; the opening one is at the start (checked above).
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)^---[ \t]*(?:\r?\n|$)/m.exec(text);
  return m?.index === 0 ? m[1] : undefined;
}
