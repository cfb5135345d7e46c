/**
 * The sentences of a view, worded on the feed with i18next from the elements' own resources, so
 * the banner, the server-rendered banner and every other output say the same thing in the same
 * words (issue #15). Mirrors `packages/elements/src/format/causes.ts` and the banner's heading.
 */
import { createInstance, type TFunction } from 'i18next';
import da from '@statuskit/elements/locales/da';
import en from '@statuskit/elements/locales/en';
import fi from '@statuskit/elements/locales/fi';
import is from '@statuskit/elements/locales/is';
import nb from '@statuskit/elements/locales/nb';
import nn from '@statuskit/elements/locales/nn';
import sv from '@statuskit/elements/locales/sv';
import type {
  DerivedNotice,
  DerivedServiceView,
  NoticeSentences,
  ViewNotice,
} from '@statuskit/model';
import type { ViewLanguage } from './view-language.js';

/** Translates one key in one language; `values` fill `{{placeholders}}`. */
export type Translate = (key: string, values?: Readonly<Record<string, string | number>>) => string;

/** The elements' type of a notice, which picks its heading and label. */
type NoticeType = 'outage' | 'disruption' | 'maintenance' | 'planned';

const RESOURCES = { da, en, fi, is, nb, nn, sv } as const;
/** As the elements: Nynorsk takes what it lacks from Bokmål, then every language from English. */
const FALLBACKS: Readonly<Partial<Record<string, readonly string[]>>> = { nn: ['nb'] };

/**
 * Sentences remembered per language. An i18next call costs 10–35 µs (scripts/bench/views.mjs),
 * a view needs dozens, and the same few names and statuses come back after every change; the
 * resources never change while the feed runs. Cleared when full, so memory stays bounded.
 */
const MAX_REMEMBERED = 10_000;

let i18n: ReturnType<typeof createInstance> | undefined;
const translators = new Map<ViewLanguage, Translate>();

/**
 * One translate function per language, made once, from one i18next instance of the feed's own
 * (never a global one). Output is plain text put into JSON, so i18next must not escape it.
 */
export function translatorFor(language: ViewLanguage): Translate {
  let translate = translators.get(language);
  if (translate !== undefined) return translate;
  if (i18n === undefined) {
    i18n = createInstance();
    void i18n.init({
      lng: 'en',
      fallbackLng: (code: string) => [...(FALLBACKS[code] ?? []), 'en'],
      resources: Object.fromEntries(
        Object.entries(RESOURCES).map(([code, translation]) => [code, { translation }]),
      ),
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  const fixed: TFunction = i18n.getFixedT(language);
  const remembered = new Map<string, string>();
  translate = (key, values) => {
    const id = values === undefined ? key : `${key}\u0000${JSON.stringify(values)}`;
    let text = remembered.get(id);
    if (text === undefined) {
      text = fixed(key, values ?? {});
      if (remembered.size >= MAX_REMEMBERED) remembered.clear();
      remembered.set(id, text);
    }
    return text;
  };
  translators.set(language, translate);
  return translate;
}

function typeOf(notice: DerivedNotice): NoticeType {
  if (notice.kind === 'maintenance') return notice.phase === 'upcoming' ? 'planned' : 'maintenance';
  return notice.status === 'major_outage' ? 'outage' : 'disruption';
}

/** The sentences the banner shows for one notice of the view of `service` (its name). */
export function noticeSentences(
  notice: DerivedNotice,
  service: string,
  t: Translate,
): NoticeSentences {
  const type = typeOf(notice);
  const names = notice.chain.map((ref) => ref.name.text || ref.id);
  const origin = names.at(-1) ?? service;
  const problem = t(`cause.problem.${notice.originStatus}`);
  const upcoming = notice.phase === 'upcoming';
  const viaService = names[0] ?? service;
  const cause =
    names.length < 2
      ? undefined
      : upcoming
        ? t(notice.optional ? 'cause.plannedOptional' : 'cause.planned', {
            service: viaService,
            origin,
          })
        : t(notice.optional ? 'cause.viaOptional' : 'cause.via', {
            service: viaService,
            origin,
            problem,
          });
  const path =
    names.length > 2
      ? t('cause.path', { service: viaService, origin, via: names.slice(1, -1).join(', ') })
      : undefined;
  return {
    heading: t(`banner.heading.${type}`, { service }),
    ...(upcoming && { headingSoon: t('banner.heading.soon', { service }) }),
    type: t(`banner.type.${type}`),
    ...(upcoming && { typeSoon: t('banner.type.soon') }),
    problem: t('cause.title', { origin, problem }),
    ...(cause !== undefined && { cause }),
    ...(path !== undefined && { path }),
  };
}

/** The derived view's notices, each with its sentences. */
export function wordNotices(view: DerivedServiceView, t: Translate): ViewNotice[] {
  const service = view.name.text || view.service;
  return view.notices.map((notice) => ({
    ...notice,
    sentences: noticeSentences(notice, service, t),
  }));
}
