/**
 * Where each lint rule is documented: docs/rules/<id>.md, written by `npm run docs`
 * (scripts/rule-docs.mjs) from the rule's meta and examples. Messages carry the
 * address (`url`, in `lint --format json`) and SARIF rule descriptors carry it as
 * `helpUri`, so that a dashboard or an editor can open the rule's page.
 *
 * Why a `file:` URL of the installed copy, and not a web address: pressready has
 * no public home (package.json has no `homepage`, nor a repository URL), and the
 * package ships docs/ (package.json `files`), so the page is on the reader's own
 * disk and describes the version that wrote the report. This is the one place that
 * decides the address: when the project gets a public home, change RULE_DOCS alone.
 */

// src/lint/ and lib/lint/ (and the bundle, lib/bundle/) sit two folders below the package root
const RULE_DOCS = new URL('../../docs/rules/', import.meta.url);

/** The documentation page of a rule (or of `parse`), as an absolute URL. */
export function ruleDocUrl(id: string): string {
  return new URL(`${encodeURIComponent(id)}.md`, RULE_DOCS).href;
}
