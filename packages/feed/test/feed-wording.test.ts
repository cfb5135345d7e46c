import { describe, expect, it } from 'vitest';
import { resolutionMessage } from '../src/integrations/reconcile.js';
import { probeMessage } from '../src/probes/probe-message.js';
import type { ProbeSettings } from '@statuskit/model';

const probe: ProbeSettings = {
  id: 'tax-home',
  service: 'tax',
  url: 'https://tax.example/health',
  intervalSeconds: 60,
  timeoutSeconds: 10,
  expect: { status: [{ from: 200, to: 299 }] },
  failuresBeforeDown: 3,
  successesBeforeUp: 2,
};

describe("the feed's own words", () => {
  it('are in Finnish and Swedish for feeds in those languages, under the feed tag', () => {
    const timeout = {
      last: undefined,
      lastFailure: { kind: 'timeout' as const, detail: 'no answer within 10 s' },
    };
    expect(probeMessage('major_outage', timeout, probe, 'fi-FI')).toEqual({
      'fi-FI': 'Automaattinen tarkistus ei tavoittanut palvelua (ei vastausta 10 sekunnissa).',
    });
    expect(
      probeMessage('operational', { last: undefined, lastFailure: undefined }, probe, 'sv'),
    ).toEqual({
      sv: 'En automatisk kontroll visar att tjänsten svarar normalt.',
    });
    expect(resolutionMessage('fi')).toEqual({
      fi: 'Ratkaistu: valvonta ei enää ilmoita ongelmasta.',
    });
  });

  it('fall back to English for a language the feed has no words for', () => {
    expect(resolutionMessage('de-DE')).toEqual({
      en: 'Resolved: monitoring no longer reports the problem.',
    });
  });
});
