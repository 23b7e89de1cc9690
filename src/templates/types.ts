/**
 * A template is data: `template.yaml` (layout and style) and `locales/<lang>.yaml`
 * (every printed word). These are their resolved shapes; ./schema.ts checks the
 * YAML a user writes against them.
 */

export type SectionKind = 'contacts' | 'background' | 'boilerplate';

/** A paragraph style, in points; colours as #rrggbb. */
export interface TextStyle {
  font?: string;
  size?: number;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  align?: 'start' | 'center' | 'end' | 'justify';
  /** space before and after, in points */
  spaceBefore?: number;
  spaceAfter?: number;
  /** line height as a multiple of the size */
  lineHeight?: number;
  /** indent of both sides, in points (block quotes) */
  indent?: number;
  uppercase?: boolean;
}

export type StyleName =
  | 'base'
  | 'letterhead'
  | 'label'
  | 'releaseLine'
  | 'reference'
  | 'headline'
  | 'subheadline'
  | 'dateline'
  | 'body'
  | 'subheading'
  | 'quote'
  | 'list'
  | 'table'
  | 'endMarker'
  | 'contacts'
  | 'sectionLabel'
  | 'background'
  | 'boilerplate'
  | 'header'
  | 'footer';

/** The faces of one font: bundled font names, or font files inside the template folder. */
export interface FontFaces {
  regular: string;
  bold?: string;
  italic?: string;
  boldItalic?: string;
}

/** A font role (`sans`): its faces, and other faces for text in other scripts. */
export interface FontRole extends FontFaces {
  /** faces for text in a script (ISO 15924 code: `Arab`, `Hans`, `Cyrl`), where the main faces lack it */
  scripts?: Record<string, FontFaces>;
}

export interface TemplateSettings {
  name: string;
  description?: string;
  page: {
    size: 'A4' | 'Letter';
    /** margins in millimetres */
    margins: { top: number; right: number; bottom: number; left: number };
  };
  letterhead: {
    /** organization printed at the top; empty: the source's `author` */
    organization?: string;
    /** a PNG or JPEG inside the template folder */
    logo?: string;
    /** a logo for a language (`ar: assets/logo-ar.png`), by locale name; others print `logo` */
    logos?: Record<string, string>;
    logoWidth?: number;
    /** lines under the organization name (address, web site); a locale may give its own */
    lines?: string[];
  };
  /** print the immediate-release line when there is no embargo */
  immediateRelease: boolean;
  dateline: { cityCase: 'upper' | 'as-written' };
  contacts: { style: 'sentence' | 'block' };
  /** the background heading: the locale's label, or the heading as written */
  backgroundHeading: 'label' | 'as-written';
  /** order of the sections after the end marker */
  sections: SectionKind[];
  /** running header from page 2 */
  runningHeader: 'headline' | 'reference' | 'none';
  /** link schemes that stay live links beyond http, https, mailto and tel */
  links: { schemes: string[] };
  /** fonts by role; names of bundled families or files inside the template folder */
  fonts: Record<string, FontRole>;
  styles: Partial<Record<StyleName, TextStyle>>;
  /** contacts every release from this template gets */
  contactsDefault: { name: string; role?: string; organization?: string; phone?: string; email?: string }[];
}

/**
 * A phrase in each plural form the language has (CLDR categories, as
 * `Intl.PluralRules` names them): English needs `one` and `other`, Russian adds
 * `few` and `many`, Arabic `zero` and `two`. `other` is always there.
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** The words of the newsroom page (`generate --feed`): index.html and the feeds' titles. */
export interface NewsroomWords {
  /** the page's and the feeds' title: `Press releases` */
  title: string;
  /** the language's own name, heading its group: `English`, `Français` */
  language: string;
  /** before the links to a release's other languages: `Also in:` */
  translations: string;
  /** the link to a language's Atom feed: `Atom feed` */
  feed: string;
  /** names the list of languages at the top, for screen readers: `Languages` */
  languages: string;
}

/**
 * The words of a new source (`pressready init --lang …`). Every placeholder opens
 * with `[` and the word `insert` names, which lint's `placeholder-text` reports.
 */
export interface InitWords {
  /** the word that opens every placeholder: `insert`, `insérer`, `填写` */
  insert: string;
  headline: string;
  city: string;
  lead: string;
  body: string;
  /** a paragraph: a quotation in the language's marks, a speech verb, the speaker */
  quote: string;
  /** a contacts-list item: name, role, phone, e-mail */
  contact: string;
  background: string;
}

export interface LocaleData {
  /** the language tag of the file (`en`, `fr`, `zh`) */
  lang: string;
  /** the Intl locale to format dates and lists with (`en-GB`) */
  intl: string;
  dir: 'ltr' | 'rtl';
  labels: {
    release: string;
    immediate: string;
    /** placeholders: {date} {time} {offset} {gmtDate} {gmtTime} */
    embargo: string;
    /** an embargoed release's e-mail subject; placeholders: {headline} and the embargo's. Without it: the embargo line, then the headline */
    embargoSubject?: string;
    /** placeholders: {reference} */
    reference: string;
    endMarker: string;
    background: string;
    /** sentence form; placeholders: {contacts} */
    contactsSentence: string;
    /** block form heading, by the plural category of the number of contacts (Intl.PluralRules); placeholder {count} */
    contactsHeading: PluralForms;
    /** placeholders: {page} {pages} */
    page: string;
    more: string;
  };
  /** placeholders: {city} {date} */
  dateline: string;
  newsroom: NewsroomWords;
  /** a date in the house style; without it, Intl's long date for `intl` */
  date?: { pattern: string; months: string[] };
  contact: {
    /** placeholders: {name} {role} */
    withRole: string;
    /** in the contacts sentence, a contact (with its role) and its organization; placeholders: {name} {organization} */
    withOrganization: string;
    /** placeholders: {name} {details} */
    withDetails: string;
    separator: string;
    /**
     * The press office's media section (a contact with `desk: media`, or a
     * contacts-list item named so in any language); placeholder {organization}.
     * Without it, the contact is printed as written.
     */
    mediaSection?: string;
    /** the media section when the release names no organization */
    mediaSectionAlone?: string;
  };
  /** names of level-2 headings that open a section; boilerplate names are prefixes */
  sections: Record<SectionKind, string[]>;
  quotes: { primary: [string, string]; secondary: [string, string] };
  /** the press office's own words in this language */
  letterhead?: { organization?: string; lines?: string[] };
  /** the `About …` section printed last when the source has none; `text` is Markdown */
  boilerplate?: { heading: string; text: string };
  /** the placeholders `pressready init` writes in this language; without them, English ones */
  init?: InitWords;
  speech: {
    verbs: string[];
    honorifics: string[];
    /** words that may start an organization speaker: `the` Committee */
    articles: string[];
    /** words that stand for the last speaker: `she said` */
    pronouns?: string[];
    /** how names are written: capitalized words (default), Han characters, or uncased words (Arabic) */
    names?: 'capitalized' | 'han' | 'words';
    /** titles before a name, kept as the speaker's title: `Special Rapporteur`, `委员会委员` */
    titles?: string[];
    /** letters joined to the front of a verb: Arabic `و` and `ف` (`وقالت`) */
    verbPrefixes?: string[];
    /** in which orders a quote may be introduced before its words: `X said: “…”` (speaker-verb), `قالت X: «…»` (verb-speaker) */
    introduce?: ('speaker-verb' | 'verb-speaker')[];
    /** words after the verb that introduce the quotation: `que` (`Leinarte declaró que «…»`) */
    that?: string[];
    /** phrases before a quotation that name its speaker, with `{speaker}` or standing for the last one: `according to {speaker}`, `по её словам` */
    according?: string[];
    /** words never part of a name: Spanish `Y` (`Y añadió:`), Arabic `في` (names without letter case) */
    notNames?: string[];
  };
  /** what lint rules read of the language */
  lint?: {
    /** the headline's length in characters against English's (`headline-length` multiplies its maximum by it): French 1.2, Chinese 0.4 */
    headlineScale?: number;
    /** the lead's length in words against English's (`lead-length` multiplies its maximum by it): a faithful French lead has about a fifth more words */
    leadScale?: number;
  };
}

export interface Template {
  name: string;
  /** absolute folder */
  dir: string;
  origin: 'built-in' | 'project' | 'path';
  /** `extends` as written in template.yaml */
  extends?: string;
  /** the folders of this template and every template it extends, the farthest ancestor first */
  chain: string[];
  settings: TemplateSettings;
  /**
   * Every file the settings name (`letterhead.logo`, `fonts.sans.bold`, …) by its
   * key path: the absolute path, checked to lie inside the folder of the template
   * that named it. Renderers read files from here, never from `settings` + `dir`.
   */
  files: Record<string, string>;
  /** languages with a locale file, here or in a template it extends */
  languages: string[];
}
