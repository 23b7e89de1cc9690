/**
 * Bytes → the text of a source, or a positioned error saying what the file is and
 * how to mend it: a source is UTF-8 text (a byte-order mark allowed), no larger than
 * the limit, with LF or CRLF line endings and no control characters. Anything else
 * would reach the outputs as U+FFFD, a raw NUL or one endless line.
 */
import { LIMITS } from '../limits.js';
import { LineIndex, type Message } from '../messages.js';
import { codePoint } from '../text/code-point.js';

type Decoded = { ok: true; text: string } | { ok: false; message: Message };

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

// C0 controls but tab, LF, CR (and form feed, which editors leave as a page break); DEL; C1 controls
export const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/u;

/** A byte as it is written in messages: `0xE9`. */
function byte(n: number): string {
  return `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * Where the first invalid sequence is: the decoder turns it into U+FFFD; a U+FFFD
 * written in the file as such (EF BF BD) is not one. Returns the text before it.
 */
function beforeInvalid(bytes: Uint8Array): string {
  const text = lenient.decode(bytes);
  let bytesBefore = 0;
  let from = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
    bytesBefore += Buffer.byteLength(text.slice(from, i));
    from = i;
    if (!(bytes[bytesBefore] === 0xef && bytes[bytesBefore + 1] === 0xbf && bytes[bytesBefore + 2] === 0xbd)) return text.slice(0, i);
  }
  return text;
}

export function decodeSource(bytes: Uint8Array, file: string, limits = LIMITS): Decoded {
  // what concerns the whole file is told at its start
  const fail = (reason: string, hint: string, text = '', offset = 0): Decoded => ({
    ok: false,
    message: { file, place: new LineIndex(text).place(offset), ruleId: 'encoding', severity: 'error', reason, hint },
  });
  if (bytes.length > limits.sourceBytes) {
    return fail(
      `The file is ${Math.ceil(bytes.length / 1024)} KB, over the limit of ${limits.sourceBytes / 1024} KB for a source`,
      `A press release is a few kilobytes: check that this is the file you meant. To go beyond it: --limit source-kb=${Math.ceil(bytes.length / 1024)}.`,
    );
  }
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes.length > 1 && (bytes[0] === 0 || bytes[1] === 0));
  if (utf16) return fail('The file is UTF-16 text, not UTF-8', 'Save it as UTF-8 (in most editors: Save as, then Encoding: UTF-8).');
  let text: string;
  try {
    text = strict.decode(bytes);
  } catch {
    const before = beforeInvalid(bytes);
    const at = Buffer.byteLength(before);
    return fail(
      `The file is not valid UTF-8: byte ${byte(bytes[at] ?? 0)} cannot start or continue a character here`,
      'Save the file as UTF-8 (it may have been saved as Latin-1 or Windows-1252).',
      before,
      before.length,
    );
  }
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].codePointAt(0)!;
    return fail(
      `A control character (${codePoint(code)}) is in the text`,
      'Delete it: it prints as nothing or as a box. Such characters come with text pasted from other programs.',
      text,
      control.index,
    );
  }
  if (text.includes('\r') && !text.includes('\n')) {
    return fail('The lines of this file end with CR alone (old Mac OS line endings)', 'Save it with LF (or CRLF) line endings.');
  }
  return { ok: true, text };
}
