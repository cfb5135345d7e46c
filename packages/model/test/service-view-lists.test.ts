import { describe, expect, it } from 'vitest';
import type { Service, StatusDocument } from '../src/types.js';
import { deriveServiceView } from '../src/view/derive-service-view.js';
import { NOW, at, documentOf, maintenance, service } from './derivation-fixtures.js';

/** tax-return ← login ← eid, and an optional chat ← eid; names in Danish and English. */
function portal(parts: Partial<StatusDocument> = {}, fields: Partial<Service> = {}) {
  const named = (id: string, da: string, en: string, more: Partial<Service> = {}) =>
    service(id, { name: { da, en }, ...more });
  return documentOf({
    services: [
      named('tax-return', 'Selvangivelse', 'Tax return', {
        dependsOn: ['login', { service: 'chat', optional: true }],
        alternatives: [
          { kind: 'phone', label: { da: 'Ring til os', en: 'Call us' }, href: 'tel:+4572222828' },
        ],
        ...fields,
      }),
      named('login', 'Log ind', 'Login', { dependsOn: ['eid'] }),
      named('chat', 'Chat', 'Chat', { dependsOn: ['eid'] }),
      named('eid', 'MitID', 'MitID'),
      named('unrelated', 'Andet', 'Other'),
    ],
    ...parts,
  });
}

describe('deriveServiceView: what <status-maintenance> lists', () => {
  it('lists every announced window on the service or its closure, earliest first, with its path', () => {
    const document = portal({
      maintenance: [
        // Beyond the notice window: listed all the same, so people can plan ahead.
        maintenance('far', ['eid'], {
          title: { da: 'Opgradering af MitID', en: 'MitID upgrade' },
          message: { en: 'New version.' },
          scheduledStart: at(24 * 30),
          scheduledEnd: at(24 * 30 + 4),
          keepsWork: false,
        }),
        maintenance('now', ['tax-return'], { scheduledStart: at(-1), scheduledEnd: at(2) }),
        maintenance('elsewhere', ['unrelated'], { scheduledStart: at(1), scheduledEnd: at(2) }),
        maintenance('over', ['eid'], { scheduledStart: at(-3), scheduledEnd: at(-2) }),
        maintenance('cancelled', ['eid'], {
          state: 'cancelled',
          scheduledStart: at(3),
          scheduledEnd: at(4),
        }),
      ],
    });
    const view = deriveServiceView(document, 'tax-return', NOW, 'da');
    expect(view?.maintenance).toEqual([
      {
        id: 'now',
        phase: 'in_progress',
        chain: [{ id: 'tax-return', name: { text: 'Selvangivelse' } }],
        optional: false,
        start: at(-1),
        end: at(2),
        title: { text: 'Maintenance now', lang: 'en' },
        message: { text: 'Planned work.', lang: 'en' },
      },
      {
        id: 'far',
        phase: 'upcoming',
        // Through login (required) rather than chat (optional), though both are as near.
        chain: [
          { id: 'tax-return', name: { text: 'Selvangivelse' } },
          { id: 'login', name: { text: 'Log ind' } },
          { id: 'eid', name: { text: 'MitID' } },
        ],
        optional: false,
        start: at(24 * 30),
        end: at(24 * 30 + 4),
        title: { text: 'Opgradering af MitID' },
        message: { text: 'New version.', lang: 'en' },
        keepsWork: false,
      },
    ]);
  });

  it('runs work started early from its actual start, and marks an optional path', () => {
    const document = portal(
      {
        maintenance: [
          maintenance('early', ['chat'], {
            state: 'in_progress',
            actualStart: at(-2),
            scheduledStart: at(1),
            scheduledEnd: at(3),
          }),
        ],
      },
      { dependsOn: [{ service: 'chat', optional: true }] },
    );
    const [item] = deriveServiceView(document, 'tax-return', NOW, 'en')?.maintenance ?? [];
    expect(item).toMatchObject({ phase: 'in_progress', start: at(-2), end: at(3), optional: true });
    expect(item?.chain.map(({ id }) => id)).toEqual(['tax-return', 'chat']);
  });

  it('is absent when no window is announced', () => {
    expect(deriveServiceView(portal(), 'tax-return', NOW, 'en')).not.toHaveProperty('maintenance');
  });
});

describe('deriveServiceView: alternatives with those of planned work', () => {
  const deadline = {
    kind: 'deadline' as const,
    label: { da: 'Fristen forlænges', en: 'The deadline moves' },
  };
  const phone = {
    kind: 'phone' as const,
    label: { da: 'Ring til os', en: 'Call us' },
    href: 'tel:+4572222828',
  };
  const paper = { kind: 'paper' as const, label: { en: 'Paper form' } };

  it('adds those of maintenance in the notice window, without duplicates, in kind order', () => {
    const document = portal({
      maintenance: [
        maintenance('soon', ['eid'], {
          scheduledStart: at(24),
          scheduledEnd: at(26),
          alternatives: [deadline, phone, paper],
        }),
      ],
    });
    const view = deriveServiceView(document, 'tax-return', NOW, 'en');
    // Not yet current: only people preparing need them.
    expect(view?.alternatives.map(({ kind }) => kind)).toEqual(['phone']);
    expect(view?.alternativesWithPlanned).toEqual([
      { kind: 'phone', label: { text: 'Call us' }, href: 'tel:+4572222828' },
      { kind: 'paper', label: { text: 'Paper form' } },
      { kind: 'deadline', label: { text: 'The deadline moves' } },
    ]);
  });

  it('is absent when planned work adds nothing, or is outside the notice window', () => {
    const within = portal({
      maintenance: [
        maintenance('soon', ['eid'], {
          scheduledStart: at(24),
          scheduledEnd: at(26),
          alternatives: [phone],
        }),
      ],
    });
    expect(deriveServiceView(within, 'tax-return', NOW, 'en')).not.toHaveProperty(
      'alternativesWithPlanned',
    );
    const far = portal({
      maintenance: [
        maintenance('far', ['eid'], {
          scheduledStart: at(24 * 30),
          scheduledEnd: at(24 * 30 + 2),
          alternatives: [deadline],
        }),
      ],
    });
    expect(deriveServiceView(far, 'tax-return', NOW, 'en')).not.toHaveProperty(
      'alternativesWithPlanned',
    );
  });
});

describe('deriveServiceView: declared service levels', () => {
  it('carries the sla with its support hours in the language', () => {
    const document = portal(
      {},
      {
        sla: {
          availabilityTarget: 99.5,
          supportHours: { da: 'Hverdage 8-16', en: 'Weekdays 8-16' },
          maxOutageMinutes: 240,
          noticePeriodDays: 5,
        },
      },
    );
    expect(deriveServiceView(document, 'tax-return', NOW, 'en')?.sla).toEqual({
      availabilityTarget: 99.5,
      supportHours: { text: 'Weekdays 8-16' },
      maxOutageMinutes: 240,
      noticePeriodDays: 5,
    });
    expect(deriveServiceView(document, 'login', NOW, 'en')).not.toHaveProperty('sla');
  });
});
