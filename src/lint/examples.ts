/**
 * Sources for rule examples. `release(body)` puts six lines of front matter and a
 * blank line before `body`, so the body starts on line 8; every `extra` line of
 * front matter (written before the closing `---`) moves it one line down.
 */
export function release(body: string, extra: string[] = []): string {
  return ['---', 'headline: Committee calls for action on trafficking', 'dateline:', '  city: Geneva', '  date: 2020-11-11', ...extra, '---', '', body].join('\n');
}

/** A lead that every rule accepts. */
export const LEAD = 'The UN women’s rights committee today called on governments to end trafficking in women and girls.';

/** A contacts section that every rule accepts. */
export const CONTACTS = '## Media contacts\n\n- Vivian Kwok, +41 22 917 9362, vkwok@ohchr.org\n';
