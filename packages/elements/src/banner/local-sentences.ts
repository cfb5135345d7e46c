import type { NoticeSentences, ViewNotice } from '@statuskit/model';
import { causeSentence } from '../format/causes.js';
import type { Translate } from '../language/translator.js';

/**
 * A notice's sentences worded in the browser, from the same keys the feed words them with. Used
 * only when the feed could not answer in the element's language (one added with `addLanguage`,
 * which the feed does not have): the reader then still gets the page's language, and the
 * language's fallbacks, as the page asked.
 */
export function localSentences(notice: ViewNotice, t: Translate): NoticeSentences {
  const names = new Map(notice.chain.map(({ id, name }) => [id, name.text]));
  const name = (id: string): string => names.get(id) || id;
  const service = notice.chain[0]?.name.text ?? '';
  const origin = notice.chain.at(-1)?.name.text ?? '';
  const upcoming = notice.phase === 'upcoming';
  const type =
    notice.kind === 'maintenance'
      ? upcoming
        ? 'planned'
        : 'maintenance'
      : notice.status === 'major_outage'
        ? 'outage'
        : 'disruption';
  const cause = causeSentence(
    {
      chain: notice.chain.map(({ id }) => id),
      optional: notice.optional,
      phase: notice.phase,
      originStatus: notice.originStatus,
    },
    name,
    t,
  );
  return {
    heading: t(`banner.heading.${type}`, { service }),
    ...(upcoming && { headingSoon: t('banner.heading.soon', { service }) }),
    type: t(`banner.type.${type}`),
    ...(upcoming && { typeSoon: t('banner.type.soon') }),
    problem: t('cause.title', { origin, problem: t(`cause.problem.${notice.originStatus}`) }),
    ...(cause !== undefined && { cause }),
  };
}
