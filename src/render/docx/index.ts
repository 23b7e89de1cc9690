/**
 * DOCX: a Word document an editor can restyle. Every block has a named style
 * (./styles.ts); the page, header (from page 2) and `Page X of Y` footer come
 * from the template and the locale; the bytes are the same for the same input
 * (./deterministic.ts). This module loads `docx`, so the registry imports it
 * only when DOCX is asked for.
 */
import { Document, Footer, Header, PageNumber, Paragraph, TextRun } from 'docx';
import { LRUCache } from 'lru-cache';
import { compileParts, emptyStyleSheet } from '../../adapters/docx.js';
import { styleOf } from '../compose.js';
import type { Renderer } from '../types.js';
import { type DocxContext, partToDocx } from './blocks.js';
import { makeDeterministic, withStyles } from './deterministic.js';
import { pdfPlan } from './pdf-plan.js';
import { buildNumbering, buildStyles, fontTableXml, PARAGRAPH_DEFAULTS, STYLE_IDS, scriptSettings, tableStyleXml } from './styles.js';

const PAGE = { A4: { width: 11906, height: 16838 }, Letter: { width: 12240, height: 15840 } } as const;
/**
 * word/styles.xml by style sheet (the options buildStyles gives, as JSON, with the
 * table style and paragraph defaults it is completed with): one sheet, one part.
 * `docx` builds and writes the sheet's ~60 styles for every document (~4 ms); a
 * sheet seen before is not built again: the document is given an empty one, and
 * the part written the first time takes its place. (A template and a language make
 * a sheet: `watch` saving a release, `generate` writing many, use a few.)
 */
const sheets = new LRUCache<string, string>({ max: 32 });

const mm = (v: number) => Math.round(v * 56.6929);
/** points in a millimetre */
const MM_PT = 72 / 25.4;

/** `Page {page} of {pages}` with Word fields in place of the placeholders. */
function pageNumberRuns(pattern: (page: number, pages: number) => string, rtl: boolean): TextRun[] {
  // The locale's pattern, asked with two markers, tells where the two numbers go.
  const marked = pattern(1_000_001, 1_000_002);
  return marked
    .split(/(1000001|1000002)/)
    .filter(Boolean)
    .map((piece) => {
      const field = piece === '1000001' ? PageNumber.CURRENT : piece === '1000002' ? PageNumber.TOTAL_PAGES : undefined;
      return new TextRun({ children: [field ?? piece], ...(rtl ? { rightToLeft: true } : {}) });
    });
}

export const docxRenderer: Renderer = {
  format: 'docx',
  extension: 'docx',
  async render({ composed, template }) {
    const scripts = scriptSettings(composed.lang, composed.dir, template);
    const plan = pdfPlan(composed, template, scripts);
    // each numbered list's start, recorded as the blocks below are rendered: list i is `numbers-i`
    const starts: number[] = [];
    const spaceAfter = Object.fromEntries(
      (
        [
          ['Normal', 'body'],
          [STYLE_IDS.contacts, 'contacts'],
          [STYLE_IDS.background, 'background'],
          [STYLE_IDS.boilerplate, 'boilerplate'],
          ['Quote', 'quote'],
        ] as const
      ).map(([id, name]) => [id, Math.round((styleOf(template, name).spaceAfter ?? 0) * 20)]),
    );
    const ctx: DocxContext = { scripts, numberedList: (start) => `numbers-${starts.push(start) - 1}`, spaceAfter };
    const children = composed.parts.flatMap((p) => partToDocx(p, ctx));
    const { page } = template.settings;
    const bidi = scripts.rtl ? { bidirectional: true } : {};
    const rtl = scripts.rtl ? { rightToLeft: true } : {};
    // The footer as the PDF draws it: the page numbers centred in the bottom margin; above them,
    // 4 pt under the text, the `more` label on every page before the one that holds the end marker.
    const footerStyle = styleOf(template, 'footer');
    const size = footerStyle.size ?? 11;
    const numbersHeight = plan.lineHeight(size, 1.2, footerStyle.bold ?? false);
    const moreHeight = plan.lineHeight(size, 1.2, true);
    const bottom = page.margins.bottom * MM_PT;
    const footerDistance = bottom / 2 - numbersHeight / 2;
    const gap = Math.max(0, bottom - 4 - moreHeight - numbersHeight - footerDistance);
    const numbers = new Paragraph({ style: 'Footer', alignment: 'center', children: pageNumberRuns(composed.furniture.page, scripts.rtl), ...bidi });
    const footer = (more: boolean) =>
      new Footer({
        children: [
          new Paragraph({
            style: 'Footer',
            alignment: 'center',
            spacing: { after: Math.round(gap * 20) },
            children: more ? [new TextRun({ text: composed.furniture.more, bold: true, boldComplexScript: true, ...rtl })] : [],
            ...bidi,
          }),
          numbers,
        ],
      });
    // The `more` label by page: the first page, the even pages and the odd ones after the first each
    // have their footer; the PDF's layout says which page holds the end marker. (Word's IF field with a
    // nested PAGE could decide it page by page, but LibreOffice shows the nested fields' results
    // side by side instead of evaluating the IF: "11" on page 1.) Exact up to three pages.
    const end = plan.endPage;
    const header = composed.furniture.runningHeader
      ? new Header({ children: [new Paragraph({ style: 'Header', children: [new TextRun({ text: composed.furniture.runningHeader, ...rtl })], ...bidi })] })
      : undefined;
    const headerStyle = styleOf(template, 'header');
    const headerHeight = plan.lineHeight(headerStyle.size ?? 11, 1.2, headerStyle.bold ?? false);
    const styles = buildStyles(template, composed.intl, scripts, plan.lineHeight);
    const extraStyles = tableStyleXml(template);
    const sheetKey = `${JSON.stringify(styles)}\0${extraStyles}\0${PARAGRAPH_DEFAULTS}`;
    const sheet = sheets.get(sheetKey);
    const doc = new Document({
      title: composed.meta.title,
      ...(composed.meta.subject ? { subject: composed.meta.subject } : {}),
      ...(composed.meta.author ? { creator: composed.meta.author, lastModifiedBy: composed.meta.author } : { creator: 'pressready' }),
      keywords: composed.meta.keywords.join(', '),
      ...(sheet ? {} : { styles }),
      numbering: buildNumbering(starts),
      features: { updateFields: false },
      evenAndOddHeaderAndFooters: true,
      // the space after a paragraph and the space before the next add up, as in the PDF (without this,
      // LibreOffice keeps only the larger of the two)
      compatibility: { doNotUseHTMLParagraphAutoSpacing: true },
      sections: [
        {
          properties: {
            titlePage: true,
            page: {
              size: PAGE[page.size],
              margin: {
                top: mm(page.margins.top),
                right: mm(page.margins.right),
                bottom: mm(page.margins.bottom),
                left: mm(page.margins.left),
                // the running header 10 pt above the text, as in the PDF
                header: Math.round(Math.max(0, page.margins.top * MM_PT - headerHeight - 10) * 20),
                footer: Math.round(footerDistance * 20),
              },
            },
          },
          headers: { first: new Header({ children: [] }), ...(header ? { default: header, even: header } : {}) },
          footers: { first: footer(end > 1), even: footer(end > 2), default: footer(end > 3) },
          children,
        },
      ],
    });
    if (sheet) emptyStyleSheet(doc);
    const parts = compileParts(doc);
    let xml = sheet;
    const written = parts.get('word/styles.xml');
    if (!xml && written !== undefined) {
      xml = withStyles(typeof written === 'string' ? written : Buffer.from(written).toString('utf8'), extraStyles, PARAGRAPH_DEFAULTS);
      sheets.set(sheetKey, xml);
    }
    if (xml) parts.set('word/styles.xml', xml);
    const latin = new Set([scripts.latin ?? 'Noto Sans', 'Courier New']);
    return makeDeterministic(parts, composed.meta.date, '', fontTableXml(scripts, latin), '');
  },
};
