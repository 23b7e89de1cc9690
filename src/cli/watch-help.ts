/** `watch --help` and `preview --help`: apart from the commands, so that building the CLI loads none of them. */
export const WATCH_HELP = `
Generates every source once, then again on each save: a source, its translations
(when the original changes), the sources of a changed template, locale file, logo
or pressready.config.yaml, and new sources in a watched folder or glob. One line a
release with its time; lint's warnings as generate prints them. A source that
fails is reported and its last outputs are kept. Ctrl-C stops (exit 130).

Examples:
  pressready watch release.md                    txt, docx and pdf into dist/, on every save
  pressready watch news/ -f html,pdf -o build    every source under news/, and new ones
  pressready watch 'news/**/*.md' -t wire
`;

export const PREVIEW_HELP = `
Serves the release as its web page on this machine only (127.0.0.1), with its lint
messages and links to its PDF, DOCX and plain text, made in memory. The page
reloads itself on every save of the source, its template, locale or config.
Nothing else is served. Ctrl-C stops (exit 130).

Examples:
  pressready preview release.md                  prints the address: http://127.0.0.1:<port>/
  pressready preview release.md --port 8080
  pressready preview release.md --host 0.0.0.0   other machines may see it too: only on a network you trust
`;
