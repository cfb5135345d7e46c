import { describe, expect, it } from 'vitest';
import { causeSentence, problemTitle } from '../src/format/causes.js';
import { translator } from './language-ready.js';

const names: Record<string, string> = {
  'tax-return': 'Tax return',
  login: 'Login',
  eid: 'MitID',
  'digital-post': 'Digital Post',
};
const name = (id: string): string => names[id] ?? id;

describe('cause sentences', () => {
  it('say nothing for a problem on the service itself', async () => {
    const t = await translator('en');
    const sentence = causeSentence(
      { chain: ['eid'], optional: false, phase: 'active', originStatus: 'major_outage' },
      name,
      t,
    );
    expect(sentence).toBeUndefined();
  });

  it('explain a problem through a dependency, and the way it travels', async () => {
    const t = await translator('en');
    const cause = {
      chain: ['tax-return', 'login', 'eid'],
      optional: false,
      phase: 'active',
      originStatus: 'major_outage',
    } as const;
    expect(causeSentence(cause, name, t)).toBe(
      'You may not be able to use Tax return because MitID is down. Tax return uses MitID through Login.',
    );
    const da = await translator('da');
    expect(causeSentence({ ...cause, chain: ['login', 'eid'] }, name, da)).toBe(
      'Du kan måske ikke bruge Login, fordi MitID er nede.',
    );
    const fi = await translator('fi');
    expect(causeSentence({ ...cause, chain: ['login', 'eid'] }, name, fi)).toBe(
      'Et ehkä pysty käyttämään palvelua Login, koska MitID ei toimi.',
    );
  });

  it('soften it for optional dependencies and speak of the future for planned work', async () => {
    const t = await translator('en');
    expect(
      causeSentence(
        {
          chain: ['tax-return', 'digital-post'],
          optional: true,
          phase: 'active',
          originStatus: 'partial_outage',
        },
        name,
        t,
      ),
    ).toBe('Parts of Tax return may not work because Digital Post is partly down.');
    expect(
      causeSentence(
        {
          chain: ['login', 'eid'],
          optional: false,
          phase: 'upcoming',
          originStatus: 'maintenance',
        },
        name,
        t,
      ),
    ).toBe('You will not be able to use Login while MitID is closed for maintenance.');
  });

  it('title a bare status problem', async () => {
    expect(problemTitle('MitID', 'degraded', await translator('en'))).toBe('MitID has problems');
    expect(problemTitle('MitID', 'major_outage', await translator('nn'))).toBe('MitID er nede');
  });
});
