/**
 * The release model: one typed document that every renderer reads. It knows
 * nothing of Markdown (the reader in ./extract builds it) and nothing of output
 * formats (the renderers in ../render read it). Its JSON form is documented by
 * schema/release.schema.json; bump MODEL_VERSION when the shape changes.
 */

export const MODEL_VERSION = 4;

/** A range in the source file: 1-based line and column, and UTF-16 offsets. */
export interface SourceRange {
  start: { line: number; column: number; offset: number };
  end: { line: number; column: number; offset: number };
}

export type Inline =
  | { type: 'text'; value: string }
  | { type: 'emphasis'; children: Inline[] }
  | { type: 'strong'; children: Inline[] }
  | { type: 'delete'; children: Inline[] }
  | { type: 'code'; value: string }
  /** `wordsAreTarget`: set by compose (../model/links.ts) when the words are the address, which a format that prints addresses beside words then prints once */
  | { type: 'link'; url: string; children: Inline[]; wordsAreTarget?: true }
  | { type: 'image'; url: string; alt: string }
  | { type: 'break' };

export type Block =
  | { type: 'paragraph'; content: Inline[]; range?: SourceRange }
  | { type: 'heading'; level: number; content: Inline[]; range?: SourceRange }
  | { type: 'list'; ordered: boolean; start: number; items: ListItem[]; range?: SourceRange }
  | { type: 'table'; align: TableAlign[]; header: Inline[][]; rows: Inline[][][]; range?: SourceRange }
  | { type: 'blockquote'; blocks: Block[]; attribution?: Inline[]; range?: SourceRange }
  | { type: 'code'; value: string; lang?: string; range?: SourceRange }
  | { type: 'rule'; range?: SourceRange };

export interface ListItem {
  blocks: Block[];
  /** GFM task list item: checked or not */
  checked?: boolean;
}

export type TableAlign = 'left' | 'right' | 'center' | null;

export interface Quote {
  /** the quoted words, without the quotation marks */
  text: string;
  speaker?: string;
  /** the speaker's title written before the name, kept apart from it: `Special Rapporteur`, `委员会委员` */
  title?: string;
  /** the speaker's role, written after the name: `the committee member who led the drafting` */
  role?: string;
  /** a person, or an organization speaking (`the Committee emphasized`) */
  speakerKind?: 'person' | 'organization';
  form: 'inline' | 'block';
  range: SourceRange;
}

export interface Contact {
  /** as written; for a `desk` without a name, the desk's words in the release's language */
  name: string;
  /**
   * `media`: the press office's own media section, which renderers word in the
   * release's language (`contact.mediaSection` of the locale) whatever the
   * source calls it: `desk: media` in the front matter, or a contacts-list item
   * named as the media section in any of the template's languages.
   */
  desk?: 'media';
  role?: string;
  organization?: string;
  /** phone numbers, each as written (none: an empty list) */
  phones: string[];
  /** E.164 form of the first phone number, when it is a valid number */
  phoneE164?: string;
  /** e-mail addresses, each as written (none: an empty list) */
  emails: string[];
  /** where the contact was written */
  from: 'body' | 'front-matter' | 'template';
  range?: SourceRange;
}

export interface Section {
  /** the heading as written in the source */
  heading: string;
  blocks: Block[];
  range?: SourceRange;
}

export interface Embargo {
  /** as written, e.g. 2026-03-22T10:00:00-04:00 */
  value: string;
  /** local date and time at the given offset */
  date: string;
  time: string;
  /** e.g. -04:00, or Z */
  offset: string;
  /** the same instant in GMT */
  gmtDate: string;
  gmtTime: string;
}

export interface Release {
  modelVersion: typeof MODEL_VERSION;
  /** base name of the outputs */
  id: string;
  /** BCP 47 tag of this source */
  lang: string;
  dir: 'ltr' | 'rtl';
  /** template name or path, as asked for */
  template: string;
  headline: string;
  subheadline?: string;
  dateline: { city: string; date: string };
  embargo?: Embargo;
  reference?: string;
  lead: Inline[];
  leadRange?: SourceRange;
  body: Block[];
  quotes: Quote[];
  contacts: Contact[];
  /** what the contacts section holds beyond its list of contacts (never dropped) */
  contactNotes: Block[];
  background?: Section;
  boilerplate: Section[];
  metadata: {
    author?: string;
    keywords: string[];
    translationOf?: string;
    sourceHash?: string;
    /** front-matter keys the tool does not know (kept, and reported by lint) */
    extra: Record<string, unknown>;
  };
}
