import { describe, expect, it } from 'vitest';
import { capOptional, impactStatus, isWorse, severity, worse } from '../src/status.js';
import { STATUSES } from '../src/types.js';

describe('status ordering', () => {
  it('orders the levels operational < unknown < degraded < partial < maintenance < major', () => {
    const ordered = [...STATUSES].sort((a, b) => severity(a) - severity(b));
    expect(ordered).toEqual([
      'operational',
      'unknown',
      'degraded',
      'partial_outage',
      'maintenance',
      'major_outage',
    ]);
  });

  it('picks the worse of two statuses whichever way round', () => {
    expect(worse('degraded', 'major_outage')).toBe('major_outage');
    expect(worse('major_outage', 'degraded')).toBe('major_outage');
    expect(worse('operational', 'unknown')).toBe('unknown');
    expect(worse('maintenance', 'partial_outage')).toBe('maintenance');
    expect(isWorse('degraded', 'unknown')).toBe(true);
    expect(isWorse('degraded', 'degraded')).toBe(false);
  });

  it('maps incident impact to a status level', () => {
    expect(impactStatus('minor')).toBe('degraded');
    expect(impactStatus('major')).toBe('partial_outage');
    expect(impactStatus('critical')).toBe('major_outage');
  });

  it('caps what an optional dependency passes on at degraded', () => {
    expect(capOptional('major_outage')).toBe('degraded');
    expect(capOptional('maintenance')).toBe('degraded');
    expect(capOptional('degraded')).toBe('degraded');
    expect(capOptional('unknown')).toBe('unknown');
    expect(capOptional('operational')).toBe('operational');
  });
});
