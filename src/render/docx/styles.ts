/**
 * The DOCX style sheet, built once from the template: every kind of block has a
 * named Word style (Title, Subtitle, Heading 2/3, Normal, Quote, List Bullet,
 * List Number, a table style, and the release's own: Letterhead, Release Label,
 * Release Line, Reference, Dateline, End Marker, Contacts, Section Label,
 * Background, Boilerplate), so that an editor restyles the release by changing a
 * style, not by reformatting paragraphs.
 */
import { AlignmentType, type ILevelsOptions, type INumberingOptions, type IParagraphStyleOptions, type IStylesOptions, LevelFormat, LineRuleType } from 'docx';
import type { StyleName, Template, TextStyle } from '../../templates/types.js';
import { styleOf } from '../compose.js';
import { bulletAt } from '../lists.js';
import { type ScriptTypography, scriptOfLanguage, typographyOf } from '../scripts.js';

/** The language of Latin-script text in a release written in another script (see `language` below). */
const LATIN_TEXT_LANGUAGE = 'en-GB';

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
function family(font: string | undefined): string | undefined {
  if (!font) return undefined;
  if (/^noto-sans/.test(font)) return 'Noto Sans';
  // a font file in the template folder: its name without the extension
  return font
    .replace(/^.*[\\/]/, '')
    .replace(/\.(ttf|otf|woff2?|ttc)$/i, '')
    .replace(/[-_](Regular|Bold|Italic|BoldItalic)$/i, '');
}

/** The family for a template's font role (`sans`), or the role's name itself. */
function fontOf(template: Template, role: string | undefined): string | undefined {
  if (!role) return undefined;
  return family(template.settings.fonts[role]?.regular ?? role);
}

const twips = (pt: number | undefined) => (pt === undefined ? undefined : Math.round(pt * 20));
const halfPoints = (pt: number | undefined) => (pt === undefined ? undefined : Math.round(pt * 2));

const ALIGN = { start: AlignmentType.START, end: AlignmentType.END, center: AlignmentType.CENTER, justify: AlignmentType.BOTH } as const;

/** A font as Word's font table describes it, so that Word can substitute a face the reader has. */
interface FontEntry {
  name: string;
  /** the name in the script's own language, which Word also looks for */
  altName?: string;
  /** the font's character set (hex, as Word writes it): 00 Latin, 86 GB2312, 88 Big5, B2 Arabic */
  charset: string;
  family: 'roman' | 'swiss' | 'modern' | 'auto';
  /** the PANOSE-1 classification, 10 bytes in hex */
  panose?: string;
}

/**
 * The faces the DOCX names for each script, by ISO 15924 code: faces a reader of
 * that language has in Word (Windows and Office) and that LibreOffice maps to a
 * face of the same script (fontconfig picks by the text's language: Noto Sans
 * CJK SC for Simplified Chinese). Noto Naskh Arabic is the PDF's Arabic face.
 */
const SCRIPT_FONTS: Record<string, { eastAsia?: FontEntry; complex?: FontEntry }> = {
  Hans: { eastAsia: { name: 'Microsoft YaHei', altName: '微软雅黑', charset: '86', family: 'swiss', panose: '020B0503020204020204' } },
  Hant: { eastAsia: { name: 'Microsoft JhengHei', altName: '微軟正黑體', charset: '88', family: 'swiss', panose: '020B0604030504040204' } },
  Arab: { complex: { name: 'Noto Naskh Arabic', charset: 'B2', family: 'roman', panose: '02020502060505020204' } },
};

/** Font table entries of faces the templates name for Latin text. */
const LATIN_FONTS: Record<string, FontEntry> = {
  'Noto Sans': { name: 'Noto Sans', charset: '00', family: 'swiss', panose: '020B0502040504020204' },
  'Courier New': { name: 'Courier New', charset: '00', family: 'modern', panose: '02070309020205020404' },
};

/** The script-specific settings of a language: its script, East Asian and complex-script fonts, direction. */
export interface ScriptSettings {
  rtl: boolean;
  /** the language's script (ISO 15924) */
  script: string;
  /** how that script is set (../scripts.ts) */
  typography: ScriptTypography;
  /** font for East Asian text (w:eastAsia) */
  eastAsia?: string;
  /** font for complex scripts such as Arabic (w:cs) */
  complex?: string;
  /** the family of the template's main face, for text in the release that is not in its script */
  latin?: string;
}

export function scriptSettings(lang: string, dir: 'ltr' | 'rtl', template?: Template): ScriptSettings {
  const script = scriptOfLanguage(lang);
  const fonts = SCRIPT_FONTS[script] ?? {};
  const latin = template ? fontOf(template, styleOf(template, 'base').font) : undefined;
  return {
    rtl: dir === 'rtl',
    script,
    typography: typographyOf(lang),
    ...(fonts.eastAsia ? { eastAsia: fonts.eastAsia.name } : {}),
    ...(fonts.complex ? { complex: fonts.complex.name } : {}),
    ...(latin ? { latin } : {}),
  };
}

/** word/fontTable.xml for the faces the document names. */
export function fontTableXml(scripts: ScriptSettings, names: Iterable<string>): string {
  const fonts = SCRIPT_FONTS[scripts.script] ?? {};
  const entries = new Map<string, FontEntry>();
  for (const n of names) entries.set(n, LATIN_FONTS[n] ?? { name: n, charset: '00', family: 'auto' });
  for (const f of [fonts.eastAsia, fonts.complex]) if (f) entries.set(f.name, f);
  const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    [...entries.values()]
      .map(
        (f) =>
          `<w:font w:name="${esc(f.name)}">${f.altName ? `<w:altName w:val="${esc(f.altName)}"/>` : ''}` +
          `${f.panose ? `<w:panose1 w:val="${f.panose}"/>` : ''}<w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.family === 'modern' ? 'fixed' : 'variable'}"/></w:font>`,
      )
      .join('') +
    '</w:fonts>'
  );
}

type ParagraphOptions = NonNullable<IParagraphStyleOptions['paragraph']>;

/** A line's height in points, as the PDF sets a style of that size and line height (./pdf-plan.ts). */
type LineHeight = (size: number, lineHeight: number, bold: boolean, role?: string) => number;

function paragraphStyle(
  id: string,
  s: TextStyle,
  template: Template,
  scripts: ScriptSettings,
  /** the style with the base style's values under it, as the PDF resolves it */
  resolved: TextStyle,
  lineHeight: LineHeight,
  extra: Partial<IParagraphStyleOptions> = {},
  para: Partial<ParagraphOptions> = {},
): IParagraphStyleOptions {
  const font = fontOf(template, s.font);
  const italic = s.italic !== undefined ? s.italic && scripts.typography.italic : undefined;
  const size = resolved.size ?? 11;
  // an exact line pitch: the PDF's, computed from the same sizes and fonts (Word's own single
  // line for Noto Sans, from the font's Windows metrics, is 1.52 em: far looser than the PDF's)
  const line = twips(lineHeight(size, resolved.lineHeight ?? 1.3, resolved.bold ?? false, resolved.font))!;
  return {
    id,
    name: NAMES[id] ?? id,
    basedOn: id === 'Normal' ? undefined : 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: {
      ...(font ? { font: { ascii: font, hAnsi: font, ...(scripts.eastAsia ? { eastAsia: scripts.eastAsia } : {}), cs: scripts.complex ?? font } } : {}),
      ...(s.size ? { size: halfPoints(s.size), sizeComplexScript: halfPoints(s.size * scriptScale(scripts)) } : {}),
      ...(s.bold !== undefined ? { bold: s.bold, boldComplexScript: s.bold } : {}),
      ...(italic !== undefined ? { italics: italic, italicsComplexScript: italic } : {}),
      ...(s.color ? { color: s.color.replace('#', '') } : {}),
      ...(s.uppercase ? { allCaps: true } : {}),
      ...(scripts.rtl ? { rightToLeft: true } : {}),
    },
    paragraph: {
      spacing: {
        ...(s.spaceBefore !== undefined ? { before: twips(s.spaceBefore) } : {}),
        ...(s.spaceAfter !== undefined ? { after: twips(s.spaceAfter) } : {}),
        line,
        lineRule: LineRuleType.EXACT,
      },
      ...(s.align ? { alignment: ALIGN[s.align] } : {}),
      ...(s.indent ? { indent: { start: twips(s.indent), end: twips(s.indent) } } : {}),
      ...(scripts.rtl ? { bidirectional: true } : {}),
      ...para,
    },
    ...extra,
  };
}

/** The complex-script size relative to the Latin size: the script's scale (../scripts.ts), for complex scripts only. */
function scriptScale(scripts: ScriptSettings): number {
  return scripts.complex ? scripts.typography.sizeScale : 1;
}

/** A style that only sets what differs from its base: the template's style without the base's keys. */
function own(template: Template, name: StyleName): TextStyle {
  return { ...template.settings.styles[name] };
}

/** The styles of running text, justified where the script's body text is (../scripts.ts). */
const BODY_STYLES = new Set(['Normal', 'Dateline', 'Quote', 'ListBullet', 'ListNumber', 'Background', 'Boilerplate']);

export function buildStyles(template: Template, intl: string, scripts: ScriptSettings, lineHeight: LineHeight): IStylesOptions {
  const base = styleOf(template, 'base');
  const st = (name: StyleName) => own(template, name);
  const sub = st('subheading');
  const subSize = styleOf(template, 'subheading').size ?? 11;
  // body paragraphs justified where the script is set so (Chinese); the others set from the start
  const justify = scripts.typography.justifyBody;
  const body = justify ? { alignment: AlignmentType.BOTH } : {};
  const P = (id: string, name: StyleName, s: TextStyle = st(name), extra: Partial<IParagraphStyleOptions> = {}, para: Partial<ParagraphOptions> = {}, over: TextStyle = {}) =>
    paragraphStyle(id, s, template, scripts, { ...styleOf(template, name), ...over }, lineHeight, extra, {
      ...(justify && !BODY_STYLES.has(id) && !s.align ? { alignment: AlignmentType.START } : {}),
      ...para,
    });
  // the page furniture's lines are 1.2 × their size in the PDF, and take no space of their own
  const furniture: TextStyle = { spaceBefore: 0, spaceAfter: 0, lineHeight: 1.2 };
  const styles: IParagraphStyleOptions[] = [
    P('Normal', 'base', base, {}, body),
    P('Letterhead', 'letterhead'),
    P('ReleaseLabel', 'label'),
    P('ReleaseLine', 'releaseLine'),
    P('Reference', 'reference'),
    P('Title', 'headline', st('headline'), { next: 'Subtitle' }),
    P('Subtitle', 'subheadline'),
    P('Dateline', 'body', { ...st('body') }),
    P('Heading2', 'subheading', sub, {}, { keepNext: true, keepLines: true, outlineLevel: 1 }),
    P('Heading3', 'subheading', { ...sub, size: subSize - 1 }, {}, { keepNext: true, keepLines: true, outlineLevel: 2 }, { size: subSize - 1 }),
    P('Quote', 'quote'),
    P('QuoteAttribution', 'quote', { ...st('quote'), italic: false }, { basedOn: 'Quote' }),
    P('ListBullet', 'list'),
    P('ListNumber', 'list'),
    P('EndMarker', 'endMarker'),
    P('Contacts', 'contacts'),
    P('SectionLabel', 'sectionLabel', st('sectionLabel'), {}, { keepNext: true }),
    P('Background', 'background'),
    P('Boilerplate', 'boilerplate'),
    P('Header', 'header', { ...st('header'), ...furniture }, {}, {}, furniture),
    P('Footer', 'footer', { ...st('footer'), ...furniture }, {}, {}, furniture),
    P('Code', 'base', { font: undefined, size: (base.size ?? 11) - 1 }, { run: { font: 'Courier New', size: halfPoints((base.size ?? 11) - 1) } }, {}, { size: (base.size ?? 11) - 1 }),
  ];
  // Word keeps three languages: of East Asian text, of right-to-left text, and of the rest (w:val). In a Chinese or
  // Arabic release the rest is Latin text (names, addresses, figures): given as Chinese, LibreOffice breaks it between
  // any two letters (`1` / `89`, `http://ww` / `w.`); it is English, as the UN's own releases take it.
  const language = { value: scripts.eastAsia || scripts.rtl ? LATIN_TEXT_LANGUAGE : intl, ...(scripts.eastAsia ? { eastAsia: intl } : {}), ...(scripts.rtl ? { bidirectional: intl } : {}) };
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
 * Paragraph properties every paragraph has (w:pPrDefault), which `docx` cannot
 * declare: widow and orphan control, so that no paragraph leaves one line alone
 * at the foot or the top of a page, as the PDF's pagination does; and no space
 * added between Chinese and Latin letters or digits, which the PDF does not add
 * (Word and LibreOffice add it by default).
 */
export const PARAGRAPH_DEFAULTS = '<w:pPr><w:widowControl/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/></w:pPr>';

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
    config: [{ reference: 'bullets', levels: levels(false, 1) }, ...orderedStarts.map((start, i) => ({ reference: `numbers-${i}`, levels: levels(true, start) }))],
  };
}
