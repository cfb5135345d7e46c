import { describe, expect, it } from 'vitest';
import { validateFeedConfig } from '../src/validation/index.js';

const config = (publicUrl: unknown): Record<string, unknown> => ({
  defaultLocale: 'da',
  timeZone: 'Europe/Copenhagen',
  authorities: [{ id: 'digst', name: { da: 'Digst' }, tokens: [`sha256:${'a'.repeat(64)}`] }],
  services: [{ id: 'eid', name: { da: 'MitID' }, owner: 'digst' }],
  publicUrl,
});

describe('publicUrl in the feed config', () => {
  it('is optional', () => {
    const result = validateFeedConfig(config(undefined));
    expect(result.ok && result.value.publicUrl).toBeUndefined();
  });

  it.each([
    'https://status.skat.example',
    'https://status.skat.example/',
    'https://skat.example/status/feed',
    'http://localhost:8787',
  ])('accepts %j', (url) => {
    const result = validateFeedConfig(config(url));
    expect(result.ok && result.value.publicUrl).toBe(url);
  });

  it.each([
    'status.skat.example',
    'ftp://status.skat.example',
    'https://user:secret@status.skat.example',
    'https://status.skat.example/?x=1',
    'https://status.skat.example/#top',
    '/v1',
    '',
  ])('refuses %j, naming the field', (url) => {
    const result = validateFeedConfig(config(url));
    expect(result.ok ? [] : result.errors).toEqual([
      {
        path: 'publicUrl',
        message: `${JSON.stringify(url)} is not the feed's public address: use an http or https URL such as "https://status.example.dk", without user, query or fragment`,
      },
    ]);
  });

  it('must be a string', () => {
    const result = validateFeedConfig(config(42));
    expect(result.ok ? [] : result.errors).toEqual([
      { path: 'publicUrl', message: 'must be a string' },
    ]);
  });
});
