/**
 * Printed phrases: locale patterns filled with values, dates in the locale's long
 * form, lists joined by Intl.ListFormat. Words come from the locale data only.
 */
import type { Inline } from '../model/types.js';
import type { LocaleData, PluralForms } from '../templates/types.js';

/** Fill `{name}` placeholders; a placeholder with no value is left as written, so it shows. */
export function fill(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

/** Fill placeholders whose values are inline content (links kept). */
export function fillInline(pattern: string, values: Record<string, Inline[]>): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of pattern.matchAll(/\{(\w+)\}/g)) {
    if (m.index > last) out.push({ type: 'text', value: pattern.slice(last, m.index) });
    out.push(...(values[m[1]!] ?? [{ type: 'text', value: m[0] }]));
    last = m.index + m[0].length;
  }
  if (last < pattern.length) out.push({ type: 'text', value: pattern.slice(last) });
  return out;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A `YYYY-MM-DD` date in the locale's long form: the locale's own month names, or Intl with calendar and digits pinned. */
export function formatDate(iso: string, locale: LocaleData): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (locale.date) {
    return fill(locale.date.pattern, { day: String(d), month: locale.date.months[m - 1] ?? String(m), year: String(y) });
  }
  let f = dateFormats.get(locale.intl);
  if (!f) {
    f = new Intl.DateTimeFormat(locale.intl, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    dateFormats.set(locale.intl, f);
  }
  return f.format(new Date(Date.UTC(y, m - 1, d)));
}

/** Join inline items as the language joins a list: `A or B`, `A, B or C`. */
export function joinList(items: Inline[][], locale: LocaleData, type: 'conjunction' | 'disjunction' = 'disjunction'): Inline[] {
  if (items.length === 0) return [];
  const keys = items.map((_, i) => `\u0000${i}\u0000`);
  const parts = new Intl.ListFormat(locale.intl, { type, style: 'long' }).formatToParts(keys);
  return parts.flatMap((p): Inline[] => {
    const i = keys.indexOf(p.value);
    return p.type === 'element' && i >= 0 ? items[i]! : [{ type: 'text', value: p.value }];
  });
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** The form of a phrase for a count, by the language's plural rules (`one`, `few`, `other` …); `{count}` filled in. */
export function plural(forms: PluralForms, count: number, locale: LocaleData): string {
  let rules = pluralRules.get(locale.intl);
  if (!rules) pluralRules.set(locale.intl, (rules = new Intl.PluralRules(locale.intl)));
  const form = forms[rules.select(count)] ?? forms.other;
  return fill(form, { count: new Intl.NumberFormat(locale.intl, { numberingSystem: 'latn' } as Intl.NumberFormatOptions).format(count) });
}

export function upper(s: string, locale: LocaleData): string {
  return s.toLocaleUpperCase(locale.intl);
}

/** A short form of a long line for running headers: cut at a word, with an ellipsis. */
export function shorten(s: string, max = 70): string {
  if ([...s].length <= max) return s;
  const cut = [...s].slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}
