// The feed words a view's sentences as the banner element words them (issue #15): compared with
// the element's own `causeSentence` and `problemTitle` and its heading keys, in every shipped
// language, for every origin status, phase, optional edge and chain length.
import { describe, expect, it } from 'vitest';
import { STATUSES, type DerivedNotice, type NoticePhase } from '@statuskit/model';
import { causeSentence, problemTitle } from '../../elements/src/format/causes.js';
import { VIEW_LANGUAGES } from '../src/views/view-language.js';
import { noticeSentences, translatorFor } from '../src/views/view-wording.js';

const NAMES = ['Selvangivelse', 'Log ind', 'MitID'];

function notice(
  chainLength: number,
  phase: NoticePhase,
  optional: boolean,
  originStatus: DerivedNotice['originStatus'],
): DerivedNotice {
  return {
    key: 'incident:x',
    version: 'v',
    kind: phase === 'active' ? 'incident' : 'maintenance',
    id: 'x',
    phase,
    status: originStatus,
    originStatus,
    chain: NAMES.slice(0, chainLength).map((name, index) => ({
      id: `s${index}`,
      name: { text: name },
    })),
    optional,
    since: '',
    timeZone: 'Europe/Copenhagen',
    title: { text: '' },
    message: { text: '' },
  };
}

describe('noticeSentences', () => {
  it('says what the banner element says, in every shipped language', () => {
    let compared = 0;
    for (const lang of VIEW_LANGUAGES) {
      const t = translatorFor(lang);
      for (const originStatus of STATUSES) {
        for (const phase of ['active', 'in_progress', 'upcoming'] as const) {
          for (const optional of [false, true]) {
            for (const length of [1, 2, 3]) {
              const input = notice(length, phase, optional, originStatus);
              const sentences = noticeSentences(input, 'Selvangivelse', t);
              const chain = input.chain.map(({ id }) => id);
              const name = (id: string) => NAMES[Number(id.slice(1))] ?? id;
              const element = causeSentence({ chain, optional, phase, originStatus }, name, t);
              const feed = [sentences.cause, sentences.path].filter((part) => part !== undefined);
              expect(feed.length === 0 ? undefined : feed.join(' '), `${lang} ${phase}`).toBe(
                element,
              );
              expect(sentences.problem).toBe(
                problemTitle(name(chain.at(-1) ?? ''), originStatus, t),
              );
              compared += 1;
            }
          }
        }
      }
    }
    expect(compared).toBe(VIEW_LANGUAGES.length * STATUSES.length * 3 * 2 * 3);
  });

  it('leaves names as written: sentences are plain text, escaped by whoever writes HTML', () => {
    const input = notice(2, 'active', false, 'major_outage');
    const named: DerivedNotice = {
      ...input,
      chain: [
        { id: 'a', name: { text: 'Skat & <b>told</b>' } },
        { id: 'b', name: { text: 'Log "ind"' } },
      ],
    };
    expect(noticeSentences(named, 'Skat & <b>told</b>', translatorFor('en'))).toMatchObject({
      heading: 'Skat & <b>told</b> is not working right now',
      cause: 'You may not be able to use Skat & <b>told</b> because Log "ind" is down.',
    });
  });

  it('heads a notice as the banner does: outage, disruption, maintenance, planned and soon', () => {
    const t = translatorFor('en');
    const heading = (input: DerivedNotice) => noticeSentences(input, 'Tax return', t);
    expect(heading(notice(1, 'active', false, 'major_outage'))).toMatchObject({
      heading: 'Tax return is not working right now',
      type: 'Outage',
    });
    expect(heading(notice(1, 'active', false, 'degraded'))).toMatchObject({
      heading: 'Tax return may not work as usual',
      type: 'Disruption',
    });
    expect(heading(notice(1, 'in_progress', false, 'maintenance'))).toMatchObject({
      heading: 'Tax return is closed for maintenance',
      type: 'Maintenance now',
    });
    const planned = heading(notice(1, 'upcoming', false, 'maintenance'));
    expect(planned).toMatchObject({
      heading: 'Planned maintenance of Tax return',
      headingSoon: 'Maintenance of Tax return starts soon',
      type: 'Planned maintenance',
      typeSoon: 'Starting soon',
    });
    // Nynorsk takes what it lacks from Bokmål, as in the elements; nothing is left as a key.
    for (const lang of VIEW_LANGUAGES) {
      const all = noticeSentences(
        notice(3, 'upcoming', true, 'maintenance'),
        'X',
        translatorFor(lang),
      );
      for (const sentence of Object.values(all)) expect(sentence).not.toMatch(/^(banner|cause)\./);
    }
  });
});
