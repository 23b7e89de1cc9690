/**
 * The DOCX style sheet, built once from the template: every kind of block has a
 * named Word style (Title, Subtitle, Heading 2/3, Normal, Quote, List Bullet,
 * List Number, a table style, and the release's own: Letterhead, Release Label,
 * Release Line, Reference, Dateline, End Marker, Contacts, Section Label,
 * Background, Boilerplate), so that an editor restyles the release by changing a
 * style, not by reformatting paragraphs.
 */
import { AlignmentType, LevelFormat, type ILevelsOptions, type INumberingOptions, type IParagraphStyleOptions, type IStylesOptions } from 'docx';
import type { StyleName, Template, TextStyle } from '../../templates/types.js';
import { styleOf } from '../compose.js';
import { bulletAt } from '../lists.js';

/** Word style ids, by the template's style name. Ids Word knows (Title, Quote …) keep Word's names. */
export const STYLE_IDS = {
  letterhead: 'Letterhead',
  label: 'ReleaseLabel',
  releaseLine: 'ReleaseLine',
  reference: 'Reference',
  headline: 'Title',
  subheadline: 'Subtitle',
  dateline: 'Dateline',
  body: 'Normal',
  subheading: 'Heading2',
  quote: 'Quote',
  endMarker: 'EndMarker',
  contacts: 'Contacts',
  sectionLabel: 'SectionLabel',
  background: 'Background',
  boilerplate: 'Boilerplate',
  header: 'Header',
  footer: 'Footer',
} as const satisfies Partial<Record<StyleName, string>>;

const NAMES: Record<string, string> = {
  Letterhead: 'Letterhead',
  ReleaseLabel: 'Release Label',
  ReleaseLine: 'Release Line',
  Reference: 'Reference',
  Title: 'Title',
  Subtitle: 'Subtitle',
  Dateline: 'Dateline',
  Heading2: 'heading 2',
  Heading3: 'heading 3',
  Quote: 'Quote',
  QuoteAttribution: 'Quote Attribution',
  EndMarker: 'End Marker',
  Contacts: 'Contacts',
  SectionLabel: 'Section Label',
  Background: 'Background',
  Boilerplate: 'Boilerplate',
  Header: 'header',
  Footer: 'footer',
  ListBullet: 'List Bullet',
  ListNumber: 'List Number',
  Code: 'Code',
};

/** A font name a template gives → the family Word shows. */
export function family(font: string | undefined): string | undefined {
  if (!font) return undefined;
  if (/^noto-sans/.test(font)) return 'Noto Sans';
  // a font file in the template folder: its name without the extension
  return font.replace(/^.*[\\/]/, '').replace(/\.(ttf|otf|woff2?|ttc)$/i, '').replace(/[-_](Regular|Bold|Italic|BoldItalic)$/i, '');
}

/** The family for a template's font role (`sans`), or the role's name itself. */
function fontOf(template: Template, role: string | undefined): string | undefined {
  if (!role) return undefined;
  return family(template.settings.fonts[role]?.regular ?? role);
}

const twips = (pt: number | undefined) => (pt === undefined ? undefined : Math.round(pt * 20));
const halfPoints = (pt: number | undefined) => (pt === undefined ? undefined : Math.round(pt * 2));

export const ALIGN = { start: AlignmentType.START, end: AlignmentType.END, center: AlignmentType.CENTER, justify: AlignmentType.BOTH } as const;

/** The script-specific settings of a language: East Asian and complex-script fonts, direction. */
export interface ScriptSettings {
  rtl: boolean;
  /** font for East Asian text (w:eastAsia) */
  eastAsia?: string;
  /** font for complex scripts such as Arabic (w:cs) */
  complex?: string;
}

export function scriptSettings(lang: string, dir: 'ltr' | 'rtl'): ScriptSettings {
  const base = lang.split('-')[0]!.toLowerCase();
  return {
    rtl: dir === 'rtl',
    ...(base === 'zh' ? { eastAsia: 'Noto Sans SC' } : {}),
    ...(base === 'ar' ? { complex: 'Noto Naskh Arabic' } : {}),
  };
}

type ParagraphOptions = NonNullable<IParagraphStyleOptions['paragraph']>;

function paragraphStyle(
  id: string,
  s: TextStyle,
  template: Template,
  scripts: ScriptSettings,
  extra: Partial<IParagraphStyleOptions> = {},
  para: Partial<ParagraphOptions> = {},
): IParagraphStyleOptions {
  const font = fontOf(template, s.font);
  return {
    id,
    name: NAMES[id] ?? id,
    basedOn: id === 'Normal' ? undefined : 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: {
      ...(font ? { font: { ascii: font, hAnsi: font, ...(scripts.eastAsia ? { eastAsia: scripts.eastAsia } : {}), cs: scripts.complex ?? font } } : {}),
      ...(s.size ? { size: halfPoints(s.size), sizeComplexScript: halfPoints(s.size) } : {}),
      ...(s.bold !== undefined ? { bold: s.bold, boldComplexScript: s.bold } : {}),
      ...(s.italic !== undefined ? { italics: s.italic, italicsComplexScript: s.italic } : {}),
      ...(s.color ? { color: s.color.replace('#', '') } : {}),
      ...(s.uppercase ? { allCaps: true } : {}),
      ...(scripts.rtl ? { rightToLeft: true } : {}),
    },
    paragraph: {
      spacing: {
        ...(s.spaceBefore !== undefined ? { before: twips(s.spaceBefore) } : {}),
        ...(s.spaceAfter !== undefined ? { after: twips(s.spaceAfter) } : {}),
        ...(s.lineHeight ? { line: Math.round(s.lineHeight * 240), lineRule: 'auto' as const } : {}),
      },
      ...(s.align ? { alignment: ALIGN[s.align] } : {}),
      ...(s.indent ? { indent: { start: twips(s.indent), end: twips(s.indent) } } : {}),
      ...(scripts.rtl ? { bidirectional: true } : {}),
      ...para,
    },
    ...extra,
  };
}

/** A style that only sets what differs from its base: the template's style without the base's keys. */
function own(template: Template, name: StyleName): TextStyle {
  return { ...template.settings.styles[name] };
}

export function buildStyles(template: Template, intl: string, scripts: ScriptSettings): IStylesOptions {
  const base = styleOf(template, 'base');
  const st = (name: StyleName) => own(template, name);
  const sub = st('subheading');
  const styles: IParagraphStyleOptions[] = [
    paragraphStyle('Normal', base, template, scripts),
    paragraphStyle('Letterhead', st('letterhead'), template, scripts),
    paragraphStyle('ReleaseLabel', st('label'), template, scripts),
    paragraphStyle('ReleaseLine', st('releaseLine'), template, scripts),
    paragraphStyle('Reference', st('reference'), template, scripts),
    paragraphStyle('Title', st('headline'), template, scripts, { next: 'Subtitle' }),
    paragraphStyle('Subtitle', st('subheadline'), template, scripts),
    paragraphStyle('Dateline', { ...st('body') }, template, scripts),
    paragraphStyle('Heading2', sub, template, scripts, {}, { keepNext: true, keepLines: true, outlineLevel: 1 }),
    paragraphStyle('Heading3', { ...sub, size: (sub.size ?? base.size ?? 11) - 1 }, template, scripts, {}, { keepNext: true, keepLines: true, outlineLevel: 2 }),
    paragraphStyle('Quote', st('quote'), template, scripts),
    paragraphStyle('QuoteAttribution', { ...st('quote'), italic: false }, template, scripts, { basedOn: 'Quote' }),
    paragraphStyle('ListBullet', st('list'), template, scripts),
    paragraphStyle('ListNumber', st('list'), template, scripts),
    paragraphStyle('EndMarker', st('endMarker'), template, scripts),
    paragraphStyle('Contacts', st('contacts'), template, scripts),
    paragraphStyle('SectionLabel', st('sectionLabel'), template, scripts, {}, { keepNext: true }),
    paragraphStyle('Background', st('background'), template, scripts),
    paragraphStyle('Boilerplate', st('boilerplate'), template, scripts),
    paragraphStyle('Header', st('header'), template, scripts),
    paragraphStyle('Footer', st('footer'), template, scripts),
    paragraphStyle('Code', { font: undefined, size: (base.size ?? 11) - 1 }, template, scripts, { run: { font: 'Courier New', size: halfPoints((base.size ?? 11) - 1) } }),
  ];
  const language = { value: intl, ...(scripts.eastAsia ? { eastAsia: intl } : {}), ...(scripts.rtl ? { bidirectional: intl } : {}) };
  return {
    default: { document: { run: { language } } },
    paragraphStyles: styles,
    characterStyles: [
      { id: 'DatelineChar', name: 'Dateline Char', basedOn: 'DefaultParagraphFont', run: { bold: styleOf(template, 'dateline').bold ?? true, boldComplexScript: true } },
      { id: 'Hyperlink', name: 'Hyperlink', basedOn: 'DefaultParagraphFont', run: { color: '0563C1', underline: { type: 'single' } } },
      { id: 'CodeChar', name: 'Code Char', basedOn: 'DefaultParagraphFont', run: { font: 'Courier New' } },
    ],
  };
}

/**
 * A real table style (Word lists it under Table Styles): rules between rows, a
 * bold, shaded header row. `docx` has no option for table styles, so this is the
 * style's XML, added to the style sheet after packing.
 */
export function tableStyleXml(template: Template): string {
  const accent = (styleOf(template, 'label').color ?? '#444444').replace('#', '');
  const size = halfPoints(styleOf(template, 'table').size ?? (styleOf(template, 'base').size ?? 11) - 0.5);
  return (
    `<w:style w:type="table" w:styleId="ReleaseTable"><w:name w:val="Release Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>` +
      `<w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr><w:rPr><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>` +
      `<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="${accent}"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="${accent}"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/></w:tblBorders>` +
      `<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
      `<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="EDEDED"/></w:tcPr></w:tblStylePr></w:style>`
  );
}

function levels(ordered: boolean, start: number): ILevelsOptions[] {
  const formats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
  return Array.from({ length: 6 }, (_, level) => ({
    level,
    format: ordered ? formats[level % 3]! : LevelFormat.BULLET,
    text: ordered ? `%${level + 1}.` : bulletAt(level),
    start: level === 0 ? start : 1,
    alignment: AlignmentType.START,
    style: { paragraph: { indent: { start: 360 * (level + 1), hanging: 360 } } },
  }));
}

/** Real Word numbering: one abstract list for bullets, one per numbered list (each starts at its own number). */
export function buildNumbering(orderedStarts: number[]): INumberingOptions {
  return {
    config: [
      { reference: 'bullets', levels: levels(false, 1) },
      ...orderedStarts.map((start, i) => ({ reference: `numbers-${i}`, levels: levels(true, start) })),
    ],
  };
}
