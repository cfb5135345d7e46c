import { describe, expect, it } from 'vitest';
import { SUBSCRIPTION_DEFAULTS, validateFeedConfig } from '../src/validation/index.js';

const config = (subscriptions?: unknown): Record<string, unknown> => ({
  defaultLocale: 'da',
  timeZone: 'Europe/Copenhagen',
  authorities: [{ id: 'digst', name: { da: 'Digst' }, tokens: [`sha256:${'a'.repeat(64)}`] }],
  services: [{ id: 'eid', name: { da: 'MitID' }, owner: 'digst' }],
  ...(subscriptions !== undefined && { subscriptions }),
});

const problems = (input: unknown): string[] => {
  const result = validateFeedConfig(input);
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('subscriptions settings in the feed config', () => {
  it('are optional; private addresses are refused by default', () => {
    const result = validateFeedConfig(config());
    expect(result.ok && result.value.subscriptions).toBeUndefined();
    expect(SUBSCRIPTION_DEFAULTS.allowPrivateAddresses).toBe(false);
  });

  it('keep allowPrivateAddresses and fill in the limit', () => {
    const result = validateFeedConfig(config({ allowPrivateAddresses: true }));
    expect(result.ok && result.value.subscriptions).toEqual({
      allowPrivateAddresses: true,
      maxPerAuthority: SUBSCRIPTION_DEFAULTS.maxPerAuthority,
    });
  });

  it('name the field and the reason for bad values and unknown keys', () => {
    expect(
      problems(config({ allowPrivateAddresses: 'yes', maxPerAuthority: 0, extra: 1 })),
    ).toEqual([
      'subscriptions.allowPrivateAddresses: must be true or false',
      'subscriptions.maxPerAuthority: must be a whole number above 0',
      'subscriptions.extra: unknown field "extra"',
    ]);
  });
});
