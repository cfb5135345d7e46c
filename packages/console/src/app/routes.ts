/**
 * The console's places, in the URL fragment so a reload or a shared link lands on the same
 * screen: `#/overview`, `#/incidents/new`, `#/incidents/<id>`, `#/maintenance/<id>/evaluation`.
 */
export type Route =
  | { readonly screen: 'sign-in' }
  | { readonly screen: 'overview' }
  | { readonly screen: 'incidents'; readonly id?: string }
  | { readonly screen: 'maintenance'; readonly id?: string; readonly step?: string };

const SCREENS = new Set(['sign-in', 'overview', 'incidents', 'maintenance']);

export function parseRoute(hash: string): Route {
  const [screen = '', id, step]: (string | undefined)[] = hash
    .replace(/^#\/?/, '')
    .split('/')
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return '';
      }
    });
  if (!SCREENS.has(screen)) return { screen: 'overview' };
  if (screen === 'incidents') return { screen, ...(id && { id }) };
  if (screen === 'maintenance') return { screen, ...(id && { id }), ...(step && { step }) };
  return { screen } as Route;
}

export function routeHref(route: Route): string {
  const parts: string[] = [route.screen];
  if ('id' in route && route.id) parts.push(route.id);
  if ('step' in route && route.step) parts.push(route.step);
  return `#/${parts.map(encodeURIComponent).join('/')}`;
}
