/**
 * A stand-in for the `html` renderer, which is built on another branch: a bare
 * page (language, direction, the headline) so that `-f html --feed` runs and the
 * newsroom's links can be checked on this branch. The real renderer replaces this
 * file and its line in ./registry.ts when the branches are merged.
 */
import type { Renderer } from './types.js';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export const htmlRenderer: Renderer = {
  format: 'html',
  extension: 'html',
  render: ({ composed }) =>
    `<!DOCTYPE html>\n<html lang="${esc(composed.lang)}" dir="${composed.dir}">\n<head>\n<meta charset="utf-8">\n<title>${esc(composed.meta.title)}</title>\n</head>\n<body>\n<h1>${esc(composed.meta.title)}</h1>\n</body>\n</html>\n`,
};
