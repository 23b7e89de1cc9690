/**
 * The stretches of a text that a line never breaks inside: URLs and e-mail
 * addresses (found by linkify-it), international phone numbers (found by
 * libphonenumber-js), and strings the caller knows must stay whole (a release's
 * contacts' phone numbers and addresses, which may not be valid numbers). A mail
 * client links only the first line of a broken address, and a phone number
 * broken in two is read as two numbers. Both the PDF layout and the plain-text
 * wrapper break lines through `breakPieces` (./wrap.ts), which reads these.
 */
import { findNumbers } from 'libphonenumber-js/max';
import { LinkifyIt } from 'linkify-it';

/** `[start, end)` in UTF-16 units, sorted, not overlapping. */
type Range = [number, number];

let linkify: LinkifyIt | undefined;

/** A `+` then a digit: without a country to assume, only international numbers are recognized. */
const MAY_HOLD_PHONE = /\+\s?\(?\d/;
/**
 * Letters of scripts written without spaces. linkify-it takes a letter before
 * `http://` for part of a word, and Chinese runs straight into an address
 * (`访问网页http://…`): it reads the text with these as spaces (one for one, so
 * that offsets hold).
 */
const NO_SPACES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
/** What every URL or address linkify-it finds has: `@`, `:` or a dot between letters. */
const MAY_HOLD_LINK = /[@:]|\w\.\w/;

function merge(ranges: Range[]): Range[] {
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Range[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] < last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/**
 * The ranges of `text` to keep on one line. `known` are strings to keep whole
 * wherever they occur. Cheap tests come first: most paragraphs hold no `+` and
 * no address, and are not scanned further.
 */
export function unbreakableRanges(text: string, known: readonly string[] = []): Range[] {
  const ranges: Range[] = [];
  for (const k of known) {
    if (!k) continue;
    for (let at = text.indexOf(k); at >= 0; at = text.indexOf(k, at + k.length)) ranges.push([at, at + k.length]);
  }
  if (MAY_HOLD_LINK.test(text)) {
    linkify ??= new LinkifyIt();
    const spaced = text.replace(NO_SPACES, (ch) => ' '.repeat(ch.length));
    for (const m of linkify.match(spaced) ?? []) ranges.push([m.index, m.lastIndex]);
  }
  if (MAY_HOLD_PHONE.test(text)) {
    for (const n of findNumbers(text, { v2: true })) {
      // the scan may take `, 12` after a number for an extension: the number ends before a comma
      const found = text.slice(n.startsAt, n.endsAt);
      const comma = found.search(/[,;，、]/);
      ranges.push([n.startsAt, comma > 0 ? n.startsAt + found.slice(0, comma).trimEnd().length : n.endsAt]);
    }
  }
  return ranges.length ? merge(ranges) : ranges;
}
