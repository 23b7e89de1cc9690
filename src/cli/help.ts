/** Help texts with examples, apart from the commands so that `--help` loads none of them. */

export const LINT_HELP = `
Examples:
  pressready lint release.md                     problems, with how to mend them
  pressready lint news/ --fix                    fix what is safe to fix, report the rest
  pressready lint 'news/**/*.md' --format github annotations on a pull request
  pressready lint news/ --format sarif > lint.sarif
  pressready lint news/ --max-warnings 0         fail on any warning

Rules are set in pressready.config.yaml (found from each source's folder upward):
  lint:
    rules:
      quote-style: off
      headline-length: [warn, { max: 90 }]
`;

export const INIT_HELP = `
Examples:
  pressready init                                   asks for the headline and city on a terminal
  pressready init news/wells.md --headline "Wells for all" --city Geneva
  pressready init --template wire --lang fr         a French release from the wire template
  pressready init release.md --force                replace an existing file
`;

export const TRANSLATIONS_HELP = `
Examples:
  pressready translations releases/
  pressready translations release.md --check
  pressready translations --mark-current release.fr.md
  pressready translations --mark-current 'releases/**/*.fr.md'
  pressready translations --diff release.md
  pressready translations new release.md --lang fr,ar
  pressready translations export release.md --lang fr     (XLIFF 2.1 for a CAT tool)
  pressready translations import release.fr.xlf

--diff finds the original as it was when each stale translation was marked, in
git history, and shows its changed blocks as a word diff: [-old-]{+new+}
(in colour on a terminal). Exit 1 when the earlier text cannot be found (not in
git, an untracked file, no commit with the stored source-hash).
`;
