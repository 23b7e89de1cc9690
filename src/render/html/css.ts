/**
 * The template as CSS: its fonts, colours, sizes and spacing by style, the
 * script's conventions (../scripts.ts), and a print stylesheet with the
 * template's page size and margins and the page furniture in the page margins.
 * Font files of the template are inlined (data: URIs); the bundled faces are
 * named, with the faces of the release's script after them.
 */
import { readFileSync } from 'node:fs';
import type { LocaleData, StyleName, Template, TextStyle } from '../../templates/types.js';
import { type Composed, styleOf } from '../compose.js';
import { MM, pageGeometry } from '../page.js';
import { scriptOfLanguage, typographyOf } from '../scripts.js';
import { cssString } from './escape.js';

/** Families of the bundled fonts (../pdf/bundled.ts), by the names a template uses. */
const BUNDLED_FAMILIES: [RegExp, string[]][] = [
  [/^noto-sans-hans/, ['Noto Sans CJK SC', 'Noto Sans SC']],
  [/^noto-naskh-arabic/, ['Noto Naskh Arabic']],
  [/^noto-sans/, ['Noto Sans']],
];

/** Faces for text of a script the template's fonts may lack: those a reader of the language is likely to have. */
const SCRIPT_FAMILIES: Record<string, string[]> = {
  Arab: ['Noto Naskh Arabic', 'Amiri', 'Arial'],
  Hans: ['Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC'],
  Hant: ['Noto Sans CJK TC', 'Noto Sans TC', 'Microsoft JhengHei', 'PingFang TC'],
};

const CJK = new Set(['Hans', 'Hant', 'Jpan', 'Kore']);

const FACES = [
  ['regular', 400, 'normal'],
  ['bold', 700, 'normal'],
  ['italic', 400, 'italic'],
  ['boldItalic', 700, 'italic'],
] as const;

function mimeOf(file: string): string {
  const ext = /\.(\w+)$/.exec(file)?.[1]?.toLowerCase();
  return ext === 'otf' ? 'font/otf' : ext === 'woff2' ? 'font/woff2' : ext === 'woff' ? 'font/woff' : 'font/ttf';
}

interface Fonts {
  /** @font-face rules of the template's own font files */
  faces: string[];
  /** a font role → its family list */
  stacks: Map<string, string>;
}

function fontsOf(template: Template, lang: string): Fonts {
  const faces: string[] = [];
  const stacks = new Map<string, string>();
  const script = SCRIPT_FAMILIES[scriptOfLanguage(lang)] ?? [];
  for (const [role, font] of Object.entries(template.settings.fonts)) {
    const families: string[] = [];
    const bundled = BUNDLED_FAMILIES.find(([re]) => re.test(font.regular));
    if (bundled) families.push(...bundled[1]);
    else {
      // files inside the template folder (checked when it was loaded): one family of the role's name
      const family = `pressready-${role}`;
      for (const [face, weight, style] of FACES) {
        const file = template.files[`fonts.${role}.${face}`];
        if (!file) continue;
        const data = readFileSync(file).toString('base64');
        faces.push(`@font-face { font-family: ${cssString(family)}; font-weight: ${weight}; font-style: ${style}; src: url(data:${mimeOf(file)};base64,${data}); }`);
      }
      families.push(family);
    }
    // Chinese first in Chinese text: punctuation Latin shares with it (“ ”, ·) is then full width, as in the PDF
    const ordered = CJK.has(scriptOfLanguage(lang)) ? [...script, ...families] : [...families, ...script];
    stacks.set(role, `${[...new Set(ordered)].map(cssString).join(', ')}, sans-serif`);
  }
  return { faces, stacks };
}

const pt = (n: number) => `${Math.round(n * 100) / 100}pt`;

/** A style as CSS declarations. `scale`: the script's size (Arabic is set larger). */
function declarations(s: TextStyle, fonts: Fonts, lang: string, scale: number, base?: TextStyle): string[] {
  const italic = typographyOf(lang).italic;
  const out: string[] = [];
  if (s.font && s.font !== base?.font) {
    const stack = fonts.stacks.get(s.font);
    if (stack) out.push(`font-family: ${stack}`);
  }
  if (s.size !== undefined) out.push(`font-size: ${pt(s.size * scale)}`);
  if (s.bold !== undefined) out.push(`font-weight: ${s.bold ? 700 : 400}`);
  if (s.italic !== undefined) out.push(`font-style: ${s.italic && italic ? 'italic' : 'normal'}`);
  if (s.color && /^#[0-9a-f]{3,8}$/i.test(s.color)) out.push(`color: ${s.color}`);
  if (s.align) out.push(`text-align: ${s.align}`);
  if (s.lineHeight !== undefined) out.push(`line-height: ${s.lineHeight}`);
  if (s.spaceBefore !== undefined) out.push(`margin-block-start: ${pt(s.spaceBefore)}`);
  if (s.spaceAfter !== undefined) out.push(`margin-block-end: ${pt(s.spaceAfter)}`);
  if (s.indent !== undefined) out.push(`margin-inline: ${pt(s.indent)}`);
  return out;
}

/** Which elements each template style dresses (classes of ./index.ts). */
const SELECTORS: [StyleName, string][] = [
  ['body', '.body p, .body li, .body td, .body th, .lead'],
  ['dateline', '.dateline'],
  ['letterhead', '.organization, .letterhead-line'],
  ['label', '.label'],
  ['releaseLine', '.release-line'],
  ['reference', '.reference'],
  ['headline', 'h1'],
  ['subheadline', '.subheadline'],
  ['subheading', '.body h2, .body h3, .body h4, .body h5, .body h6'],
  ['quote', '.quote'],
  ['list', '.body li'],
  ['table', 'table'],
  ['endMarker', '.end-marker'],
  ['contacts', '.contacts, .contacts p'],
  ['sectionLabel', 'section.contacts > h2, section.background > h2, section.boilerplate > h2'],
  ['background', '.background p, .background li'],
  ['boilerplate', '.boilerplate p, .boilerplate li'],
];

/** The page-number pattern of the locale as CSS content: its words as strings, the numbers as counters. */
function pageContent(pattern: string): string {
  const out: string[] = [];
  let last = 0;
  for (const m of pattern.matchAll(/\{(page|pages)\}/g)) {
    if (m.index > last) out.push(cssString(pattern.slice(last, m.index)));
    out.push(`counter(${m[1]})`);
    last = m.index + m[0].length;
  }
  if (last < pattern.length) out.push(cssString(pattern.slice(last)));
  return out.join(' ') || 'none';
}

export function stylesheet(composed: Composed, template: Template, locale: LocaleData): string {
  const lang = composed.lang;
  const typo = typographyOf(lang);
  const fonts = fontsOf(template, lang);
  const base = styleOf(template, 'base');
  const rules: string[] = [...fonts.faces];
  const s = template.settings;
  const page = pageGeometry(template);
  const rule = (selector: string, decls: string[]) => {
    if (decls.length) rules.push(`${selector} { ${decls.join('; ')}; }`);
  };

  rule('html', ['background: #ffffff', ...declarations({ ...base, font: base.font }, fonts, lang, typo.sizeScale)]);
  rule('body', [
    'margin: 0 auto',
    // the page's own width: the template's page less its margins
    `max-width: ${+((page.width - page.left - page.right) / MM).toFixed(1)}mm`,
    'padding: 2em 1.5em',
  ]);
  rule('p, ul, ol, table, figure, address, pre', ['margin-block: 0', `margin-block-end: ${pt(base.spaceAfter ?? 8)}`]);
  // a heading's size and weight are the template's (headline, subheading, section label), not the browser's
  rule('h1, h2, h3, h4, h5, h6', ['margin-block: 0', 'font-size: 1em', 'font-weight: inherit']);
  rule('cite', ['font-style: inherit']);
  rule('address', ['font-style: normal']);
  rule('figure', ['margin-inline: 0']);
  rule('blockquote', ['margin: 0']);
  // the quotation marks are in the text as written (so that a reader copying a quote gets them): none added
  rule('q', ['quotes: none']);
  rule('q::before, q::after', ['content: none']);
  rule('a', ['color: inherit']);
  rule('img', ['max-width: 100%', 'height: auto']);
  rule('table', ['border-collapse: collapse']);
  rule('th, td', ['border: 0.5pt solid #999999', 'padding: 2pt 5pt', 'vertical-align: top']);
  rule('th', ['text-align: start']);
  rule('.align-left', ['text-align: left']);
  rule('.align-right', ['text-align: right']);
  rule('.align-center', ['text-align: center']);
  rule('pre', ['white-space: pre-wrap']);
  rule('.letterhead', ['margin-block-end: 1em']);
  rule('.logo', ['display: block', 'margin-block-end: 4pt']);
  rule('.letterhead-line', ['font-weight: 400']);
  rule('.quote figcaption', ['font-style: normal']);
  for (const [name, selector] of SELECTORS) {
    const own = s.styles[name];
    if (own) rule(selector, declarations(own, fonts, lang, typo.sizeScale, base));
  }
  // body text as the script is set in print (justified Chinese); the template's own alignment wins
  if (typo.justifyBody && !s.styles.body?.align) rule('.body p, .lead', ['text-align: justify']);

  // print: the template's page, its margins, the running header from page 2 and the page numbers
  const { top, right, bottom, left } = s.page.margins;
  const header = styleOf(template, 'header');
  const footer = styleOf(template, 'footer');
  const box = (st: TextStyle) => declarations({ size: st.size, color: st.color }, fonts, lang, typo.sizeScale).join('; ');
  const start = composed.dir === 'rtl' ? 'right' : 'left';
  rules.push(
    [
      '@media print {',
      '  body { max-width: none; padding: 0; }',
      '  a { text-decoration: none; }',
      '  h1, h2, h3, h4, h5, h6, .label, .release-line, .reference { break-after: avoid; }',
      '  figure, tr, address, img { break-inside: avoid; }',
      '  p { orphans: 2; widows: 2; }',
      '}',
      `@page { size: ${s.page.size === 'Letter' ? 'letter' : 'A4'}; margin: ${top}mm ${right}mm ${bottom}mm ${left}mm;`,
      ...(composed.furniture.runningHeader ? [`  @top-${start} { content: ${cssString(composed.furniture.runningHeader)}; ${box(header)}; }`] : []),
      `  @bottom-center { content: ${pageContent(locale.labels.page)}; ${box(footer)}; }`,
      '}',
      ...(composed.furniture.runningHeader ? [`@page :first { @top-${start} { content: none; } }`] : []),
    ].join('\n'),
  );
  return rules.join('\n');
}
