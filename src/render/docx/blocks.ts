/** The parts of a release and the model's blocks → Word paragraphs and tables, each with its named style. */
import { readFileSync } from 'node:fs';
import { AlignmentType, ExternalHyperlink, ImageRun, type IRunOptions, Paragraph, type ParagraphChild, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { imageSize } from 'image-size';
import type { Block, Inline } from '../../model/types.js';
import type { Part } from '../compose.js';
import { scriptOf } from '../pdf/fonts.js';
import { type ScriptSettings, STYLE_IDS } from './styles.js';

export interface DocxContext {
  scripts: ScriptSettings;
  /** a numbering reference for a new numbered list starting at `start` */
  numberedList: (start: number) => string;
  /** the space after a paragraph of each Word style, in twips */
  spaceAfter: Record<string, number>;
}

type RunStyle = Pick<IRunOptions, 'bold' | 'italics' | 'strike' | 'style'>;

/**
 * Text → runs, split where the PDF changes faces (../pdf/fonts.ts scriptOf): in
 * a right-to-left release, what is not Arabic (Latin words, digits, `( ) / – + @`,
 * which the Arabic face lacks) takes the Latin face as its complex-script font,
 * since Word sets every character of a right-to-left run in that font; the runs
 * keep one direction, so the bidi order is the same. Text of a script that is not
 * set in italics (../scripts.ts) loses the italics of emphasis, as in the PDF,
 * whose Arabic and Chinese faces have none.
 */
function textRuns(t: string, ctx: DocxContext, style: RunStyle = {}): TextRun[] {
  const rtl = ctx.scripts.rtl ? { rightToLeft: true } : {};
  const s = ctx.scripts;
  if (!s.rtl && (s.typography.italic || !style.italics)) return [new TextRun({ text: t, ...style, ...rtl })];
  const out: TextRun[] = [];
  // segments by the script the PDF draws them in; spaces stay with the text before them
  let current = '';
  let kind: string | undefined;
  const flush = () => {
    if (!current) return;
    const own = kind === s.script;
    const italics = style.italics && !(own && !s.typography.italic) ? style.italics : undefined;
    const font = s.rtl && !own && s.latin ? { font: { cs: s.latin } } : {};
    const { italics: _i, ...rest } = style;
    out.push(new TextRun({ text: current, ...rest, ...(italics ? { italics } : {}), ...font, ...rtl }));
    current = '';
  };
  for (const ch of t) {
    const k = /\s/u.test(ch) ? kind : scriptOf(ch) === 'Latn' ? 'Latn' : s.script;
    if (k !== kind && current) flush();
    kind = k;
    current += ch;
  }
  flush();
  return out;
}

function runs(list: readonly Inline[], ctx: DocxContext, style: RunStyle = {}): ParagraphChild[] {
  const text = (t: string, extra: RunStyle = {}) => textRuns(t, ctx, { ...style, ...extra });
  return list.flatMap((i): ParagraphChild[] => {
    switch (i.type) {
      case 'text':
        return text(i.value);
      case 'code':
        return text(i.value, { style: 'CodeChar' });
      case 'break':
        return [new TextRun({ break: 1 })];
      case 'emphasis':
        return runs(i.children, ctx, { ...style, italics: true });
      case 'strong':
        return runs(i.children, ctx, { ...style, bold: true });
      case 'delete':
        return runs(i.children, ctx, { ...style, strike: true });
      case 'image':
        // Images in the body are not fetched: their description and address are kept, as a link.
        return [new ExternalHyperlink({ link: i.url, children: text(i.alt || i.url, { style: 'Hyperlink' }) })];
      case 'link': {
        // compose left only the links a reader can follow (../../model/links.ts)
        const children = runs(i.children, ctx, { ...style, style: 'Hyperlink' });
        return [new ExternalHyperlink({ link: i.url, children: children as TextRun[] })];
      }
    }
  });
}

function paragraph(style: string, children: ParagraphChild[], ctx: DocxContext, extra: Record<string, unknown> = {}): Paragraph {
  return new Paragraph({ style, children, ...(ctx.scripts.rtl ? { bidirectional: true } : {}), ...extra });
}

/** Blocks in a section whose paragraphs take `style` (Normal in the body, Background, Boilerplate …). */
/** Word numbers nine list levels (0–8); a list nested deeper is set at the ninth, its words all kept. */
const WORD_LIST_LEVELS = 9;

function blocks(list: readonly Block[], ctx: DocxContext, style: string, level = 0): (Paragraph | Table)[] {
  return list.flatMap((b, n): (Paragraph | Table)[] => {
    // A table has no space after it of its own: the paragraph that follows keeps it apart.
    const afterTable = list[n - 1]?.type === 'table' ? { spacing: { before: 160 } } : {};
    switch (b.type) {
      case 'paragraph':
        return [paragraph(style, runs(b.content, ctx), ctx, { ...afterTable, ...(level ? { indent: { start: 360 * level } } : {}) })];
      case 'heading':
        return [paragraph(b.level <= 2 ? 'Heading2' : 'Heading3', runs(b.content, ctx), ctx)];
      case 'code':
        return [
          paragraph(
            'Code',
            b.value.split('\n').flatMap((l, n) => (n ? [new TextRun({ break: 1 }), new TextRun(l)] : [new TextRun(l)])),
            ctx,
          ),
        ];
      case 'rule':
        return [paragraph(style, [new TextRun('* * *')], ctx, { alignment: AlignmentType.CENTER })];
      case 'blockquote':
        return [...blocks(b.blocks, ctx, 'Quote', level), ...(b.attribution ? [paragraph('QuoteAttribution', [...textRuns('— ', ctx), ...runs(b.attribution, ctx)], ctx)] : [])];
      case 'list': {
        const reference = b.ordered ? ctx.numberedList(b.start) : 'bullets';
        // the list's last line keeps its style's space after it (the items have the list style's), as in the PDF
        const after = ctx.spaceAfter[style];
        return b.items.flatMap((item, n) => {
          const [first, ...rest] = item.blocks;
          const last = n === b.items.length - 1 && !rest.length && after !== undefined ? { spacing: { after } } : {};
          const head =
            first?.type === 'paragraph' || first?.type === 'heading'
              ? [
                  paragraph(b.ordered ? 'ListNumber' : 'ListBullet', [...(item.checked === undefined ? [] : [new TextRun(item.checked ? '☒ ' : '☐ ')]), ...runs(first.content, ctx)], ctx, {
                    numbering: { reference, level: Math.min(level, WORD_LIST_LEVELS - 1) },
                    ...last,
                  }),
                ]
              : first
                ? blocks([first], ctx, style, level + 1)
                : [];
          return [...head, ...blocks(rest, ctx, style, level + 1)];
        });
      }
      case 'table':
        return [table(b, ctx)];
    }
  });
}

function table(b: Extract<Block, { type: 'table' }>, ctx: DocxContext): Table {
  const cell = (content: Inline[], col: number, header: boolean) =>
    new TableCell({
      children: [
        paragraph('Normal', runs(content, ctx, header ? { bold: true } : {}), ctx, {
          ...(b.align[col] ? { alignment: b.align[col] === 'left' ? AlignmentType.START : b.align[col] === 'right' ? AlignmentType.END : AlignmentType.CENTER } : {}),
          spacing: { before: 40, after: 40 },
        }),
      ],
    });
  return new Table({
    style: 'ReleaseTable',
    width: { size: 100, type: WidthType.PERCENTAGE },
    ...(ctx.scripts.rtl ? { visuallyRightToLeft: true } : {}),
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: b.header.map((c, i) => cell(c, i, true)) }),
      ...b.rows.map((r) => new TableRow({ cantSplit: true, children: b.header.map((_, i) => cell(r[i] ?? [], i, false)) })),
    ],
  });
}

function logoRun(logo: NonNullable<Extract<Part, { kind: 'letterhead' }>['logo']>): ImageRun {
  const data = readFileSync(logo.file);
  const size = imageSize(data);
  const width = logo.width ?? 140;
  const height = Math.round((width * (size.height ?? 1)) / (size.width ?? 1));
  return new ImageRun({
    type: size.type === 'jpg' ? 'jpg' : 'png',
    data,
    // points → pixels at 96 dpi, the unit docx takes
    transformation: { width: Math.round((width * 96) / 72), height: Math.round((height * 96) / 72) },
    altText: { name: 'Logo', title: logo.alt, description: logo.alt },
  });
}

const LINE_STYLE = {
  label: STYLE_IDS.label,
  releaseLine: STYLE_IDS.releaseLine,
  reference: STYLE_IDS.reference,
  headline: STYLE_IDS.headline,
  subheadline: STYLE_IDS.subheadline,
  endMarker: STYLE_IDS.endMarker,
} as const;

export function partToDocx(p: Part, ctx: DocxContext): (Paragraph | Table)[] {
  const plain = (t: string) => textRuns(t, ctx);
  switch (p.kind) {
    case 'letterhead':
      return [
        ...(p.logo ? [paragraph(STYLE_IDS.letterhead, [logoRun(p.logo)], ctx)] : []),
        ...(p.text ? [paragraph(STYLE_IDS.letterhead, plain(p.text), ctx)] : []),
        ...(p.lines ?? []).map((l) => paragraph(STYLE_IDS.letterhead, plain(l), ctx, { run: { bold: false } })),
      ];
    case 'line':
      return [paragraph(LINE_STYLE[p.style], plain(p.text), ctx, p.style === 'endMarker' ? { alignment: AlignmentType.CENTER } : {})];
    case 'lead':
      return [paragraph(STYLE_IDS.dateline, [...textRuns(p.dateline, ctx, { style: 'DatelineChar' }), ...runs(p.content, ctx)], ctx)];
    case 'blocks':
      return blocks(p.blocks, ctx, 'Normal');
    case 'contacts':
      return [
        ...(p.sentence ? [paragraph(STYLE_IDS.contacts, runs(p.sentence, ctx), ctx)] : []),
        ...(p.heading ? [paragraph(STYLE_IDS.sectionLabel, plain(p.heading), ctx)] : []),
        ...(p.entries ?? []).map((lines) =>
          paragraph(
            STYLE_IDS.contacts,
            lines.flatMap((l, i) => (i ? [new TextRun({ break: 1 }), ...runs(l, ctx)] : runs(l, ctx))),
            ctx,
          ),
        ),
        ...blocks(p.notes, ctx, STYLE_IDS.contacts),
      ];
    case 'section':
      return [...(p.heading ? [paragraph(STYLE_IDS.sectionLabel, plain(p.heading), ctx)] : []), ...blocks(p.blocks, ctx, p.style === 'background' ? STYLE_IDS.background : STYLE_IDS.boilerplate)];
  }
}
