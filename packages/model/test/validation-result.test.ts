import { describe, expect, it } from 'vitest';
import { formatIssues, StatusValidationError, validateDocument } from '../src/validation/index.js';
import { errorsOf } from './validation-fixtures.js';

describe('formatIssues', () => {
  it('writes one "path: message" line per issue', () => {
    const issues = [
      { path: 'services[2].dependsOn[0]', message: 'unknown service "mitid2"' },
      { path: 'defaultLocale', message: 'is required' },
    ];
    expect(formatIssues(issues)).toBe(
      'services[2].dependsOn[0]: unknown service "mitid2"\ndefaultLocale: is required',
    );
  });

  it('writes an issue about the whole input as its message alone', () => {
    expect(formatIssues([{ path: '', message: 'must be an object' }])).toBe('must be an object');
  });
});

describe('StatusValidationError', () => {
  it('carries every issue and lists them in its message', () => {
    const errors = errorsOf(validateDocument({ defaultLocale: 'da' }));
    const error = new StatusValidationError(errors);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('StatusValidationError');
    expect(error.errors).toEqual(errors);
    expect(error.message.split('\n')).toEqual([
      'timeZone: is required',
      'services: is required',
      'incidents: is required',
      'maintenance: is required',
    ]);
  });
});
