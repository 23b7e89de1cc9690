/**
 * schema.org NewsArticle for the page: what search engines and news aggregators
 * read. The release's words as compose printed them; the organization of the
 * letterhead as author and publisher; the other language versions as the
 * translations of one work.
 */
import type { Release } from '../../model/types.js';
import type { Composed } from '../compose.js';
import type { Family, Related } from '../types.js';
import { pathHref } from './escape.js';

function work(r: Related): Record<string, unknown> {
  const url = pathHref(r.stem, 'html');
  return { '@type': 'NewsArticle', '@id': url, url, inLanguage: r.lang };
}

export function newsArticle(release: Release, composed: Composed, family: Family | undefined): Record<string, unknown> {
  const letterhead = composed.parts.find((p) => p.kind === 'letterhead');
  const organization = letterhead?.kind === 'letterhead' ? letterhead.text : undefined;
  const lead = composed.parts.find((p) => p.kind === 'lead');
  // the dateline as printed, without the punctuation that joins it to the lead
  const dateline = lead?.kind === 'lead' ? lead.dateline.replace(/[\s\p{Pd}:,،]+$/u, '') : undefined;
  const org = organization ? { '@type': 'Organization', name: organization } : undefined;
  const headline = composed.parts.find((p) => p.kind === 'line' && p.style === 'headline');
  const subheadline = composed.parts.find((p) => p.kind === 'line' && p.style === 'subheadline');
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    ...(family ? { '@id': pathHref(family.self.stem, 'html'), url: pathHref(family.self.stem, 'html') } : {}),
    headline: headline?.kind === 'line' ? headline.text : release.headline,
    ...(subheadline?.kind === 'line' ? { alternativeHeadline: subheadline.text } : {}),
    ...(dateline ? { dateline } : {}),
    // an embargoed release is published when the embargo lifts
    datePublished: release.embargo?.value ?? release.dateline.date,
    inLanguage: composed.lang,
    ...(release.reference ? { identifier: release.reference } : {}),
    ...(composed.meta.keywords.length ? { keywords: composed.meta.keywords.join(', ') } : {}),
    ...(org ? { author: org, publisher: org } : {}),
    ...(family?.original ? { translationOfWork: work(family.original) } : {}),
    ...(family && !family.original && family.translations.length ? { workTranslation: family.translations.map(work) } : {}),
  };
}
