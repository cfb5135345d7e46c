import { describe, expect, it } from 'vitest';
import { closestIds, didYouMean, editDistance } from '../src/index.js';

const KNOWN = ['tax-return', 'building-permit', 'eid', 'login', 'digital-post', 'nemkonto'];

describe('closestIds', () => {
  it('suggests the id a swapped pair of letters came from', () => {
    expect(closestIds('tax-retrun', KNOWN)).toEqual(['tax-return']);
  });

  it('suggests ids that a short or truncated id starts', () => {
    expect(closestIds('digital', KNOWN)).toEqual(['digital-post']);
    expect(closestIds('logins', KNOWN)).toEqual(['login']);
  });

  it('suggests nothing for an id unlike every known one', () => {
    expect(closestIds('weather-forecast', KNOWN)).toEqual([]);
  });

  it('orders by distance and keeps at most the asked number', () => {
    expect(closestIds('ab', ['ab1', 'ab12', 'a', 'zz'], 2)).toEqual(['a', 'ab1']);
  });

  it('never suggests the id itself', () => {
    expect(closestIds('eid', KNOWN)).toEqual([]);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and transpositions', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('retrun', 'return')).toBe(1);
  });
});

describe('didYouMean', () => {
  it('phrases one, several or no suggestions', () => {
    expect(didYouMean(['a'])).toBe(' (did you mean "a"?)');
    expect(didYouMean(['a', 'b', 'c'])).toBe(' (did you mean "a", "b" or "c"?)');
    expect(didYouMean([])).toBe('');
  });
});
