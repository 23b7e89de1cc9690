/**
 * Which scripts a text has characters of, beyond Latin: what decides the bundled
 * faces a PDF needs (../render/pdf/fonts.ts) and the fonts a pool of workers shares
 * (../pipeline/scan.ts reads it of every source before any is loaded). Here, not
 * in the PDF renderer, so that the scan does not reach into the renderer's code.
 */

/**
 * Characters drawn from the Arabic and the Chinese faces, by their Unicode script
 * extensions: the Arabic comma and vowel signs are "Common" and "Inherited" by
 * script, but Arabic by extension; CJK punctuation and full-width forms go with
 * the Chinese face. Everything else is drawn from the Latin faces (Latin,
 * Cyrillic, Greek).
 */
export const ARABIC_CHARS = /\p{Script_Extensions=Arabic}/u;
export const CHINESE_CHARS = /[\p{Script_Extensions=Han}\p{Script=Bopomofo}\u3000-\u303F\uFF00-\uFFEF]/u;

/** Scripts a source's text may need a bundled face for, beyond Latin. */
export function scriptsIn(text: string): ('Arab' | 'Hans')[] {
  const out: ('Arab' | 'Hans')[] = [];
  if (ARABIC_CHARS.test(text)) out.push('Arab');
  if (CHINESE_CHARS.test(text)) out.push('Hans');
  return out;
}
