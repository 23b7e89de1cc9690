/** `generate --help`'s examples: apart from the command, so that building the CLI loads none of it. */
export const GENERATE_HELP = `
Examples:
  pressready generate release.md                 txt, docx and pdf into dist/
  pressready generate release.md -f txt,json     plain text and the release model
  pressready generate archive/ -o build          every source under archive/, sub-folders mirrored
  pressready generate 'news/**/*.md' -t wire     a glob, with the wire template
  pressready generate - -f txt < release.md      standard input to standard output
  pressready generate release.md -f md           Markdown for a CMS, with the front matter it reads

In CI:
  pressready generate archive/ --manifest dist/manifest.json --incremental
  pressready generate archive/ --shard 2/4 --manifest dist/manifest-2.json
  pressready generate archive/ -f html --feed -o dist   a static site: pages, index.html, feed.<lang>.xml
`;
