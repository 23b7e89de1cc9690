/**
 * DOCX: a Word document an editor can restyle. Every block has a named style
 * (./styles.ts); the page, header (from page 2) and `Page X of Y` footer come
 * from the template and the locale; the bytes are the same for the same input
 * (./deterministic.ts). This module loads `docx`, so the registry imports it
 * only when DOCX is asked for.
 */
import { Document, Footer, Header, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import type { Renderer } from '../types.js';
import { partToDocx, type DocxContext } from './blocks.js';
import { makeDeterministic, type PartData } from './deterministic.js';
import { buildNumbering, buildStyles, scriptSettings, tableStyleXml } from './styles.js';
import type { Block } from '../../model/types.js';
import type { Part } from '../compose.js';

const PAGE = { A4: { width: 11906, height: 16838 }, Letter: { width: 12240, height: 15840 } } as const;
/**
 * The package's parts by path, from the compiler `Packer` zips them with: zipping
 * them here instead saves a deflate and an inflate per document. The compiler is
 * private in docx's types, but public at run time and pinned with the version of
 * docx in package.json; the DOCX tests read every part of what this gives.
 */
function compile(doc: Document): Map<string, PartData> {
  return (Packer as unknown as { compiler: { compile(file: Document): Map<string, PartData> } }).compiler.compile(doc);
}

const mm = (v: number) => Math.round(v * 56.6929);

/** The start of every numbered list, in document order, so each restarts at its own number. */
function numberedStarts(parts: Part[]): number[] {
  const out: number[] = [];
  const walk = (list: readonly Block[]) => {
    for (const b of list) {
      if (b.type === 'list') {
        if (b.ordered) out.push(b.start);
        b.items.forEach((i) => walk(i.blocks));
      } else if (b.type === 'blockquote') walk(b.blocks);
    }
  };
  for (const p of parts) {
    if (p.kind === 'blocks' || p.kind === 'section') walk(p.blocks);
    if (p.kind === 'contacts') walk(p.notes);
  }
  return out;
}

/** `Page {page} of {pages}` with Word fields in place of the placeholders. */
function pageNumberRuns(pattern: (page: number, pages: number) => string, rtl: boolean): TextRun[] {
  // The locale's pattern, asked with two markers, tells where the two numbers go.
  const marked = pattern(1_000_001, 1_000_002);
  return marked.split(/(1000001|1000002)/).filter(Boolean).map((piece) => {
    const field = piece === '1000001' ? PageNumber.CURRENT : piece === '1000002' ? PageNumber.TOTAL_PAGES : undefined;
    return new TextRun({ children: [field ?? piece], ...(rtl ? { rightToLeft: true } : {}) });
  });
}

export const docxRenderer: Renderer = {
  format: 'docx',
  extension: 'docx',
  async render({ composed, template }) {
    const scripts = scriptSettings(composed.lang, composed.dir);
    const starts = numberedStarts(composed.parts);
    let nextList = 0;
    const ctx: DocxContext = { scripts, numberedList: () => `numbers-${nextList++}` };
    const children = composed.parts.flatMap((p) => partToDocx(p, ctx));
    const { page } = template.settings;
    const bidi = scripts.rtl ? { bidirectional: true } : {};
    const footer = new Footer({ children: [new Paragraph({ style: 'Footer', alignment: 'center', children: pageNumberRuns(composed.furniture.page, scripts.rtl), ...bidi })] });
    const header = composed.furniture.runningHeader
      ? new Header({ children: [new Paragraph({ style: 'Header', children: [new TextRun({ text: composed.furniture.runningHeader, ...(scripts.rtl ? { rightToLeft: true } : {}) })], ...bidi })] })
      : undefined;
    const doc = new Document({
      title: composed.meta.title,
      ...(composed.meta.subject ? { subject: composed.meta.subject } : {}),
      ...(composed.meta.author ? { creator: composed.meta.author, lastModifiedBy: composed.meta.author } : { creator: 'pressready' }),
      keywords: composed.meta.keywords.join(', '),
      styles: buildStyles(template, composed.intl, scripts),
      numbering: buildNumbering(starts),
      features: { updateFields: false },
      sections: [
        {
          properties: {
            titlePage: true,
            page: {
              size: PAGE[page.size],
              margin: { top: mm(page.margins.top), right: mm(page.margins.right), bottom: mm(page.margins.bottom), left: mm(page.margins.left) },
            },
          },
          headers: { first: new Header({ children: [] }), ...(header ? { default: header } : {}) },
          footers: { first: footer, default: footer },
          children,
        },
      ],
    });
    return makeDeterministic(compile(doc), composed.meta.date, tableStyleXml(template));
  },
};
