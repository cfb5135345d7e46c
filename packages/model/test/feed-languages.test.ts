import { describe, expect, it } from 'vitest';
import { feedLanguages } from '../src/index.js';

describe('feedLanguages', () => {
  it('puts the default first, then every other language the services are named in', () => {
    expect(
      feedLanguages({
        defaultLocale: 'da',
        services: [
          { id: 'a', name: { en: 'A', da: 'A' }, owner: 'x', status: 'operational' },
          { id: 'b', name: { sv: 'B', fi: 'B' }, owner: 'x', status: 'operational' },
        ],
      }),
    ).toEqual(['da', 'en', 'fi', 'sv']);
  });

  it('is the default alone when no service names another language', () => {
    expect(feedLanguages({ defaultLocale: 'fi', services: [] })).toEqual(['fi']);
  });
});
