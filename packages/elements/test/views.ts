/**
 * Literal service views for the banner's tests, one per state, worded as the feed words them:
 * from the elements' own locale resources (the feed renders the same keys with i18next; the
 * translator test holds the two to the same output). Times are relative to `now`.
 */
import type { ServiceView, ViewNotice, ViewText } from '@statuskit/model';
import { SHIPPED_FALLBACKS } from '../src/language/languages.js';
import da from '../src/language/locales/da.js';
import en from '../src/language/locales/en.js';
import { StringTable } from '../src/language/strings.js';

export type BannerState =
  'outage' | 'disruption' | 'maintenance' | 'planned' | 'soon' | 'multiple' | 'stale';

export const BANNER_STATES: readonly BannerState[] = [
  'outage',
  'disruption',
  'maintenance',
  'planned',
  'soon',
  'multiple',
  'stale',
];

const strings = new StringTable((code) => [...(SHIPPED_FALLBACKS.get(code) ?? []), 'en']);
strings.add('en', en, true);
strings.add('da', da, true);

const NAMES: Record<string, Record<'da' | 'en', string>> = {
  'tax-return': { da: 'Selvangivelse', en: 'Tax return' },
  login: { da: 'Log ind', en: 'Login' },
  eid: { da: 'MitID', en: 'MitID' },
  'digital-post': { da: 'Digital Post', en: 'Digital Post' },
};

type Lang = 'da' | 'en';

function iso(now: number, minutes: number): string {
  return new Date(now + minutes * 60_000).toISOString();
}

function ref(id: string, lang: Lang): { id: string; name: ViewText } {
  return { id, name: { text: NAMES[id]?.[lang] ?? id } };
}

interface NoticeInput {
  readonly kind: ViewNotice['kind'];
  readonly id: string;
  readonly phase: ViewNotice['phase'];
  readonly status: ViewNotice['status'];
  readonly originStatus: ViewNotice['originStatus'];
  readonly chain: readonly string[];
  readonly optional?: boolean;
  readonly since: string;
  readonly until?: string;
  readonly startsAt?: string;
  readonly title: ViewText;
  readonly message: ViewText;
  readonly keepsWork?: boolean;
}

/** A notice with its sentences, as the feed words them. */
export function notice(input: NoticeInput, lang: Lang): ViewNotice {
  const t = (key: string, values?: Record<string, string>): string =>
    strings.translate(lang, key, values);
  const chain = input.chain.map((id) => ref(id, lang));
  const service = chain[0]?.name.text ?? '';
  const origin = chain.at(-1)?.name.text ?? '';
  const problem = t(`cause.problem.${input.originStatus}`);
  const optional = input.optional ?? false;
  const upcoming = input.phase === 'upcoming';
  const headingType =
    input.kind === 'maintenance'
      ? upcoming
        ? 'planned'
        : 'maintenance'
      : input.status === 'major_outage'
        ? 'outage'
        : 'disruption';
  const cause =
    chain.length < 2
      ? undefined
      : upcoming
        ? t(optional ? 'cause.plannedOptional' : 'cause.planned', { service, origin })
        : t(optional ? 'cause.viaOptional' : 'cause.via', { service, origin, problem });
  const via = chain
    .slice(1, -1)
    .map((item) => item.name.text)
    .join(', ');
  return {
    key: `${input.kind}:${input.id}`,
    version: `${input.id}-v1`,
    kind: input.kind,
    id: input.id,
    phase: input.phase,
    status: input.status,
    originStatus: input.originStatus,
    chain,
    optional,
    since: input.since,
    ...(input.until !== undefined && { until: input.until }),
    ...(input.startsAt !== undefined && { startsAt: input.startsAt }),
    timeZone: 'Europe/Copenhagen',
    title: input.title,
    message: input.message,
    ...(input.keepsWork !== undefined && { keepsWork: input.keepsWork }),
    sentences: {
      heading: t(`banner.heading.${headingType}`, { service }),
      ...(upcoming && { headingSoon: t('banner.heading.soon', { service }) }),
      type: t(`banner.type.${headingType}`),
      ...(upcoming && { typeSoon: t('banner.type.soon') }),
      problem: t('cause.title', { origin, problem }),
      ...(cause !== undefined && { cause }),
      ...(chain.length > 2 && { path: t('cause.path', { service, origin, via }) }),
    },
  };
}

function outage(lang: Lang, now: number): ViewNotice {
  return notice(
    {
      kind: 'incident',
      id: 'eid-down',
      phase: 'active',
      status: 'major_outage',
      originStatus: 'major_outage',
      chain: ['tax-return', 'login', 'eid'],
      since: iso(now, -25),
      title: { text: lang === 'da' ? 'MitID er nede' : 'MitID is down' },
      message: { text: 'Ingen kan logge ind lige nu.', lang: 'da' },
    },
    lang,
  );
}

function disruption(lang: Lang, now: number): ViewNotice {
  return notice(
    {
      kind: 'incident',
      id: 'slow-post',
      phase: 'active',
      status: 'degraded',
      originStatus: 'degraded',
      chain: ['tax-return', 'digital-post'],
      optional: true,
      since: iso(now, -90),
      title: { text: lang === 'da' ? 'Digital Post er langsom' : 'Digital Post is slow' },
      message: { text: lang === 'da' ? 'Breve kommer sent frem.' : 'Letters arrive late.' },
    },
    lang,
  );
}

function maintenance(lang: Lang, now: number): ViewNotice {
  return notice(
    {
      kind: 'maintenance',
      id: 'upgrade',
      phase: 'in_progress',
      status: 'maintenance',
      originStatus: 'maintenance',
      chain: ['tax-return'],
      since: iso(now, -30),
      until: iso(now, 90),
      title: { text: lang === 'da' ? 'Ny version' : 'New version' },
      message: { text: '' },
      keepsWork: true,
    },
    lang,
  );
}

function planned(lang: Lang, now: number, startIn: number): ViewNotice {
  return notice(
    {
      kind: 'maintenance',
      id: `eid-update-${startIn}`,
      phase: 'upcoming',
      status: 'maintenance',
      originStatus: 'maintenance',
      chain: ['tax-return', 'login', 'eid'],
      since: iso(now, startIn),
      startsAt: iso(now, startIn),
      until: iso(now, startIn + 120),
      title: { text: lang === 'da' ? 'Opdatering af MitID' : 'MitID update' },
      message: { text: lang === 'da' ? 'MitID får en ny version.' : 'MitID gets a new version.' },
      keepsWork: false,
    },
    lang,
  );
}

/** A view of `tax-return` in `state`, worded in `lang`, derived at `now`. */
export function bannerView(state: BannerState, lang: Lang, now = Date.now()): ServiceView {
  const notices: Record<BannerState, ViewNotice[]> = {
    outage: [outage(lang, now)],
    disruption: [disruption(lang, now)],
    maintenance: [maintenance(lang, now)],
    planned: [planned(lang, now, 3 * 24 * 60)],
    soon: [planned(lang, now, 10)],
    multiple: [outage(lang, now), disruption(lang, now), planned(lang, now, 2 * 24 * 60)],
    stale: [outage(lang, now)],
  };
  return {
    format: 1,
    service: 'tax-return',
    lang,
    revision: 7,
    generatedAt: new Date(now).toISOString(),
    ...(state === 'stale' && { fresh: false, staleSince: iso(now, -3) }),
    name: { text: NAMES['tax-return']?.[lang] ?? 'tax-return' },
    timeZone: 'Europe/Copenhagen',
    status: 'major_outage',
    ownStatus: 'operational',
    notices: notices[state],
    alternatives: [
      {
        kind: 'phone',
        label: { text: lang === 'da' ? 'Ring til Skattestyrelsen' : 'Call the Danish Tax Agency' },
        href: 'tel:+4572222828',
      },
    ],
    dependencies: [
      {
        id: 'eid',
        name: { text: 'MitID' },
        status: 'major_outage',
        optional: false,
        via: [ref('login', lang)],
        url: 'https://www.mitid.dk/drift',
      },
    ],
  };
}

/** A quiet view: nothing affects the service. */
export function quietView(lang: Lang, now = Date.now()): ServiceView {
  return {
    ...bannerView('outage', lang, now),
    status: 'operational',
    notices: [],
    alternatives: [],
  };
}
