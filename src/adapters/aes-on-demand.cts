/**
 * @noble/ciphers' AES, as pdfkit imports it (`@noble/ciphers/aes`), loaded when
 * first called instead of when pdfkit loads: the module builds its AES tables as
 * it loads (~10 ms of every cold run that made a PDF), and pdfkit encrypts only a
 * PDF given a password, which pressready never gives. The bundle takes this in
 * its place (scripts/bundle.mjs); the real module stays bundled, behind the call.
 */
type Aes = typeof import('@noble/ciphers/aes.js');

let aes: Aes | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (): Aes => (aes ??= require('@noble/ciphers/aes.js') as Aes);

export const cbc: Aes['cbc'] = ((...args: Parameters<Aes['cbc']>) => load().cbc(...args)) as Aes['cbc'];
export const ecb: Aes['ecb'] = ((...args: Parameters<Aes['ecb']>) => load().ecb(...args)) as Aes['ecb'];
