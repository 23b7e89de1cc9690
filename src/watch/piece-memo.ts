/**
 * `watch` parses a saved source in pieces (../source/chunks.ts cuts a text where
 * nothing is open: before a paragraph after a blank line) and keeps each piece's
 * tree by its text. A save that changed one paragraph parses that paragraph's
 * piece again and copies the others' trees (copies: the pipeline moves the
 * positions of the trees it is given, and edits them). A piece's tree depends on
 * its text alone, so a tree found is the tree the parser would give; the trees
 * of the whole text are the same as `generate`'s (test/source-pieces.test.ts).
 *
 * Measured on fixtures/cedaw-trafficking/release.md (4.7 KB; 12 pieces of about
 * a paragraph each), CPU once warm: the whole text parses in ~4 ms, its pieces from
 * nothing in about as much; a save that changed one paragraph or the front matter,
 * ~0.8 ms (that piece parsed, the others copied).
 *
 * lru-cache (well kept, the cache npm itself uses) bounds the memo by the text it
 * holds, dropping the pieces used longest ago: a tree takes about 8 bytes of heap
 * a character of its text (measured on the same release), so the memo holds ~0.7 MB at
 * most, the current pieces of a dozen releases. A save leaves the pieces it changed
 * behind; bounded higher, the memo kept filling with them for thousands of saves (the
 * watch's RSS grew 10% between its 50th save and its 500th).
 */
import { LRUCache } from 'lru-cache';
import type { Root } from 'mdast';
import { type PieceParser, parsePiecesWith } from '../source/parse.js';

/** The length of a piece aimed at: about a paragraph (../source/chunks.ts cuts at the first place past it). */
export const WATCH_PIECE = 64;
/** The characters of piece text whose trees are kept (those a save reads again are the latest used). */
const KEPT = 64 * 1024;

/** A parser of pieces of `size` through a memo of the trees of `kept` characters of pieces. */
export function pieceMemo(kept = KEPT, size = WATCH_PIECE): PieceParser {
  const trees = new LRUCache<string, Root>({ maxSize: kept, sizeCalculation: (_tree, text) => Math.max(1, text.length) });
  return {
    size,
    parse(piece, parse) {
      let tree = trees.get(piece);
      if (!tree) trees.set(piece, (tree = parse(piece)));
      return structuredClone(tree);
    },
  };
}

/** From now on, this process parses Markdown through a memo of pieces. */
export function rememberPieces(): void {
  parsePiecesWith(pieceMemo());
}
