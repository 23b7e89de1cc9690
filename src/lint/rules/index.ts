/** Every lint rule, in the order of the rule tables (README.md, docs/lint.md: `npm run docs` writes them). Rule ids are part of the contract. */
import type { AnyRule } from '../rule.js';
import brokenParagraph from './broken-paragraph.js';
import contacts from './contacts.js';
import embargoDate from './embargo-date.js';
import frenchSpacing from './french-spacing.js';
import frontMatter from './front-matter.js';
import headlineLength from './headline-length.js';
import hiddenCharacters from './hidden-characters.js';
import lead from './lead.js';
import leadLength from './lead-length.js';
import linkScheme from './link-scheme.js';
import manualEndMarker from './manual-end-marker.js';
import placeholderLink from './placeholder-link.js';
import placeholderText from './placeholder-text.js';
import quoteAttribution from './quote-attribution.js';
import quoteBalance from './quote-balance.js';
import quoteStyle from './quote-style.js';
import translationStale from './translation-stale.js';
import translationStructure from './translation-structure.js';
import unknownKey from './unknown-key.js';

export const RULES: readonly AnyRule[] = [
  frontMatter,
  unknownKey,
  lead,
  leadLength,
  headlineLength,
  quoteBalance,
  quoteStyle,
  quoteAttribution,
  brokenParagraph,
  placeholderLink,
  linkScheme,
  placeholderText,
  hiddenCharacters,
  contacts,
  manualEndMarker,
  embargoDate,
  frenchSpacing,
  translationStale,
  translationStructure,
];

/** Not a rule: a source whose front matter or YAML cannot be read at all. */
export const PARSE = {
  id: 'parse',
  doc: 'the file cannot be read as a source: not UTF-8 text, over a limit, no front matter or one not closed, not valid YAML (fatal: nothing else is checked)',
} as const;
