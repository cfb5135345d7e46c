// Which pages an incident shows on (the preview's choice of page), and the write's body.
import { describe, expect, it } from 'vitest';
import {
  EMPTY_DRAFT,
  incidentBody,
  pagesShowing,
} from '../src/screens/incidents/incident-draft.js';

const document = {
  services: [
    { id: 'eid', name: { da: 'MitID' }, owner: 'digst', status: 'operational' as const },
    {
      id: 'login',
      name: { da: 'Log ind' },
      owner: 'digst',
      status: 'operational' as const,
      dependsOn: ['eid'],
    },
    {
      id: 'tax-return',
      name: { da: 'Selvangivelse' },
      owner: 'skat',
      status: 'operational' as const,
      dependsOn: [{ service: 'login', optional: true }],
    },
    {
      id: 'permits',
      name: { da: 'Byggetilladelse' },
      owner: 'skat',
      status: 'operational' as const,
    },
  ],
};

describe('pagesShowing', () => {
  it('lists the services themselves, then every service depending on them, directly or not', () => {
    expect(pagesShowing(document, ['eid'])).toEqual(['eid', 'login', 'tax-return']);
    expect(pagesShowing(document, ['login'])).toEqual(['login', 'tax-return']);
    expect(pagesShowing(document, ['permits'])).toEqual(['permits']);
    expect(pagesShowing(document, [])).toEqual([]);
  });
});

describe('incidentBody', () => {
  it('leaves out empty alternatives and an unset keepsWork, as an operator would', () => {
    expect(incidentBody({ ...EMPTY_DRAFT, services: ['eid'] })).toEqual({
      services: ['eid'],
      impact: 'major',
      title: {},
      message: {},
    });
    expect(
      incidentBody({
        ...EMPTY_DRAFT,
        keepsWork: true,
        alternatives: [{ kind: 'phone', label: { da: 'Ring' }, href: 'tel:+4570000000' }],
      }),
    ).toMatchObject({ keepsWork: true, alternatives: [{ kind: 'phone' }] });
  });
});
