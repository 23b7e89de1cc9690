/**
 * PDF: what goes to journalists and into the archive. The layout layer
 * (./layout/) breaks the release into lines and pages; ./draw.ts places them with
 * pdfkit, tagged for screen readers, fonts embedded and subset, furniture on
 * every page. The same input gives the same bytes (dates from the release or
 * SOURCE_DATE_EPOCH). This module loads pdfkit, so the registry imports it only
 * when PDF is asked for.
 */
import PDFDocument from 'pdfkit';
import { defaultFontAs, escapeXmp } from '../../adapters/pdfkit.js';
import { codePoint } from '../../text/code-point.js';
import { pageGeometry } from '../page.js';
import type { Renderer, RenderInput } from '../types.js';
import { Drawer, type Furniture } from './draw.js';
import { rememberEndPage } from './end-page.js';
import { FontSet, forgetGlyphs, plainUnlessShaped } from './fonts.js';
import { BlockLayout, resolveStyle, spans } from './layout/blocks.js';
import { TextLayout } from './layout/lines.js';
import { paginate } from './layout/paginate.js';
import { Structure } from './layout/structure.js';

/**
 * The PDF of a composed release, kept with the object: the e-mail attaches the PDF that `generate` writes
 * beside it (../eml.ts), which is then made once, its warnings told once.
 */
const made = new WeakMap<object, Uint8Array>();

export const pdfRenderer: Renderer = {
  format: 'pdf',
  extension: 'pdf',
  async render(input) {
    const again = made.get(input.composed);
    if (again) return again;
    const bytes = await renderPdf(input);
    made.set(input.composed, bytes);
    return bytes;
  },
};

async function renderPdf({ composed, template, options, warn, locate }: RenderInput): Promise<Uint8Array> {
  // a clean glyph cache before as after (./fonts.ts): another renderer of the process may have used the fonts meanwhile
  forgetGlyphs();
  const g = pageGeometry(template);
  const { width, height } = g;
  const fonts = new FontSet(template);
  const reported = new Set<string>();
  const text = new TextLayout(
    fonts,
    ({ char, context }) => {
      if (reported.has(char)) return;
      reported.add(char);
      const place = locate?.(char) ?? locate?.(context.trim());
      warn({
        ruleId: 'missing-glyph',
        severity: 'warning',
        reason: `No font has the character ${codePoint(char)} “${char}”; the PDF shows an empty box in its place`,
        hint: 'Replace the character, or give the template a font that has it (fonts.<role>.scripts in template.yaml).',
        ...(place ? { place } : {}),
      });
    },
    composed.keepWhole,
  );

  // Layout first: it decides the pages, and which faces are used.
  const structure = new Structure();
  const blocks = new BlockLayout(template, text, structure, composed, width - g.left - g.right);
  for (const part of composed.parts) blocks.part(part, structure.root);
  const pages = paginate(blocks.items, g.top, height - g.bottom);
  const endMarker = blocks.endMarker;
  const markerPage = endMarker ? pages.findIndex((pg) => pg.placements.some((pl) => pl.kind === 'lines' && pl.box === endMarker)) : -1;
  const textEnds = markerPage >= 0 ? markerPage + 1 : pages.length;
  rememberEndPage(composed, markerPage >= 0 ? markerPage + 1 : pages.length + 1);
  const header = resolveStyle(template, 'header', composed.lang);
  const footer = resolveStyle(template, 'footer', composed.lang);
  const one = (words: string | undefined, st: typeof header) => (words ? text.lines(spans([{ type: 'text', value: words }], st), st.role, width, composed.dir, 1.2)[0] : undefined);
  const furniture: Furniture = {
    ...(composed.furniture.runningHeader ? { header: one(composed.furniture.runningHeader, header)! } : {}),
    page: (page, total) => one(composed.furniture.page(page, total), footer),
    // the release goes on: on every page before the one that ends it with the end marker (the last page if it has none)
    ...(textEnds > 1 ? { more: one(composed.furniture.more, { ...footer, bold: true })!, moreBefore: textEnds } : {}),
    color: header.color,
  };
  // each page's numbers, laid out now so that their faces are known before drawing
  const numbers = pages.map((_, i) => furniture.page(i + 1, pages.length));
  furniture.page = (page) => numbers[page - 1];

  const date = composed.meta.date;
  const primary = fonts.primary('sans', false, false);
  const doc = new PDFDocument({
    size: [width, height],
    margin: 0,
    autoFirstPage: false,
    compress: true,
    tagged: true,
    lang: composed.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    // fontkit fonts already parsed for layout (once a process): pdfkit embeds them without reading them again
    font: plainUnlessShaped(fonts.open(primary)),
    ...(options.pdfStandard === 'pdfa-2b' ? { subset: 'PDF/A-2b' as const } : {}),
    info: {
      Title: composed.meta.title,
      ...(composed.meta.author ? { Author: composed.meta.author } : {}),
      ...(composed.meta.subject ? { Subject: composed.meta.subject } : {}),
      ...(composed.meta.keywords.length ? { Keywords: composed.meta.keywords.join(', ') } : {}),
      Creator: 'pressready',
      Producer: 'pressready',
      CreationDate: date,
      ModDate: date,
    },
  });
  escapeXmp(doc);
  for (const face of fonts.used.values()) doc.registerFont(face.key, plainUnlessShaped(fonts.open(face)));
  // The default font is the primary face: pdfkit knows it by the font's name, not by our key, and
  // without this it opened the face again and compared the two fonts' name tables (as JSON) at
  // every switch back to it (~9 ms of an Arabic release, whose lines alternate faces).
  defaultFontAs(doc, primary.key);
  // pdfkit gives a chunk per line it writes (~3 a paragraph): copied into one growing buffer as they come,
  // instead of kept as tens of thousands of small buffers until the end
  let out = new Uint8Array(64 * 1024);
  let length = 0;
  doc.on('data', (c: Uint8Array) => {
    if (length + c.length > out.length) {
      const bigger = new Uint8Array(Math.max(out.length * 2, length + c.length));
      bigger.set(out.subarray(0, length));
      out = bigger;
    }
    out.set(c, length);
    length += c.length;
  });
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const drawer = new Drawer(doc, g, composed.dir);
  drawer.drawPages(pages, furniture, () => doc.addPage({ size: [width, height], margin: 0 }));
  const root = drawer.structure(structure.root);
  if (root) {
    doc.addStructure(root);
    root.end();
  }
  doc.end();
  try {
    await done;
  } finally {
    forgetGlyphs();
  }
  return out.slice(0, length);
}
