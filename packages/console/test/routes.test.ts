import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from '../src/app/routes.js';

describe('console routes', () => {
  it('reads each screen, with its id and step, from the URL fragment', () => {
    expect(parseRoute('#/overview')).toEqual({ screen: 'overview' });
    expect(parseRoute('#/incidents/new')).toEqual({ screen: 'incidents', id: 'new' });
    expect(parseRoute('#/maintenance/nk-2026%2F1/evaluation')).toEqual({
      screen: 'maintenance',
      id: 'nk-2026/1',
      step: 'evaluation',
    });
  });

  it('falls back to the overview for an empty, unknown or malformed fragment', () => {
    expect(parseRoute('')).toEqual({ screen: 'overview' });
    expect(parseRoute('#/nowhere')).toEqual({ screen: 'overview' });
    expect(parseRoute('#/incidents/%E0%A4%A')).toEqual({ screen: 'incidents' });
  });

  it('writes back what it reads', () => {
    const routes: Route[] = [
      { screen: 'overview' },
      { screen: 'incidents', id: 'inc 1' },
      { screen: 'maintenance', id: 'm/2', step: 'evaluation' },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
  });
});
