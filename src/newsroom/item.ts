/**
 * What the newsroom (`generate --feed`: index.html and the Atom feeds) knows of
 * one generated release: plain data, made where the release was loaded (a worker
 * thread, or the main thread) and sent back with its report.
 */

import { inlineText } from '../model/extract/blocks.js';
import type { Release } from '../model/types.js';
import { organizationOf } from '../render/compose.js';
import { formatDate } from '../render/phrases.js';
import type { LocaleData, NewsroomWords, Template } from '../templates/types.js';

export interface NewsItem {
  /** output path without extension, POSIX, relative to the working folder (as the outputs are) */
  stem: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  headline: string;
  /** the instant the release is out: the embargo when there is one, else its date at 00:00 UTC (ISO 8601) */
  updated: string;
  /** the release date as the language writes it */
  date: string;
  /** the lead's words, without the dateline */
  summary: string;
  original: boolean;
  /** who issues it (the letterhead's organization, or the source's author) */
  author?: string;
  /** the other languages of its family (stems as `stem`) */
  family: { lang: string; stem: string }[];
  /** the newsroom's words in this release's language (its template's locale) */
  words: NewsroomWords;
}

function releaseInstant(release: Release): string {
  const e = release.embargo;
  const at = e ? new Date(e.value) : new Date(`${release.dateline.date}T00:00:00Z`);
  return Number.isNaN(at.getTime()) && e ? new Date(`${e.gmtDate}T${e.gmtTime}Z`).toISOString() : at.toISOString();
}

export function newsItem(release: Release, template: Template, locale: LocaleData, stem: string, original: boolean, family: NewsItem['family']): NewsItem {
  const author = organizationOf(release, template, locale);
  return {
    stem,
    lang: release.lang,
    dir: release.dir,
    headline: release.headline,
    updated: releaseInstant(release),
    date: formatDate(release.dateline.date, locale),
    summary: inlineText(release.lead).replace(/\s+/g, ' ').trim(),
    original,
    ...(author ? { author } : {}),
    family,
    words: locale.newsroom,
  };
}
