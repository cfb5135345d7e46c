/**
 * The admin API of webhook subscriptions: each authority creates, lists and removes its own;
 * another authority's subscriptions are invisible to it (404, as if absent).
 */
import { SUBSCRIPTION_DEFAULTS, type FeedConfig } from '@statuskit/model';
import { authenticateAdmin, type AdminAuthDependencies } from '../admin-auth.js';
import { readJsonBody } from '../http/body.js';
import { badRequest, HttpError } from '../http/http-error.js';
import { sendJson } from '../http/respond.js';
import type { Router } from '../http/router.js';
import type { SignInGuard } from '../sign-in-guard.js';
import type { ChangeStore } from '../store/change-store.js';
import {
  newSubscription,
  readSubscriptionInput,
  subscriptionNotFound,
  viewOf,
} from './subscription.js';
import type { SubscriptionStore } from './subscription-store.js';
import { checkedAddress, ReceiverAddressError } from './private-address.js';

export interface SubscriptionRouteDependencies extends AdminAuthDependencies {
  readonly config: FeedConfig;
  readonly store: ChangeStore;
  readonly subscriptions: SubscriptionStore;
  readonly signIns: SignInGuard;
  readonly now: () => Date;
  /** Told after a subscription was added or removed, so deliveries follow at once. */
  readonly changed: () => void;
}

const NO_STORE = { 'cache-control': 'no-store' };

/** A receiver must resolve, and (without the config's leave) not to a private address. */
async function refusePrivateReceiver(url: string, allowPrivateAddresses: boolean): Promise<void> {
  try {
    await checkedAddress(new URL(url).hostname, allowPrivateAddresses);
  } catch (error) {
    if (!(error instanceof ReceiverAddressError)) throw error;
    throw badRequest([{ path: 'url', message: error.message }]);
  }
}

export function registerSubscriptionRoutes(
  router: Router,
  deps: SubscriptionRouteDependencies,
): void {
  const settings = deps.config.subscriptions ?? SUBSCRIPTION_DEFAULTS;

  router.on('POST', '/v1/admin/subscriptions', async ({ req, res }) => {
    const { authority } = await authenticateAdmin(req, deps, 'write');
    const body = await readJsonBody(req);
    const input = readSubscriptionInput(body, deps.store.document, settings.allowPrivateAddresses);
    await refusePrivateReceiver(input.url, settings.allowPrivateAddresses);
    const subscription = newSubscription(input, authority, deps.now());
    // Only changes accepted from now on are delivered.
    const added = await deps.subscriptions.add(
      subscription,
      { delivered: deps.store.revision },
      settings.maxPerAuthority,
    );
    if (!added) {
      throw new HttpError(
        409,
        `authority "${authority}" holds ${settings.maxPerAuthority} subscriptions, the most it may (subscriptions.maxPerAuthority); remove one first`,
      );
    }
    deps.changed();
    // The secret is shown this once: it is never listed again.
    sendJson(res, 201, { ...viewOf(subscription), secret: subscription.secret }, NO_STORE);
  });

  router.on('GET', '/v1/admin/subscriptions', async ({ req, res }) => {
    const { authority } = await authenticateAdmin(req, deps, 'read');
    const [all, states] = await Promise.all([
      deps.subscriptions.list(),
      deps.subscriptions.states(),
    ]);
    const own = all
      .filter((subscription) => subscription.authority === authority)
      .map((subscription) => viewOf(subscription, states.get(subscription.id)));
    sendJson(res, 200, { subscriptions: own }, NO_STORE);
  });

  router.on('DELETE', '/v1/admin/subscriptions/{id}', async ({ req, res, params }) => {
    const { authority } = await authenticateAdmin(req, deps, 'write');
    req.resume();
    const id = params['id'] ?? '';
    const subscription = (await deps.subscriptions.list()).find((s) => s.id === id);
    if (subscription?.authority !== authority || !(await deps.subscriptions.remove(id))) {
      throw subscriptionNotFound(id);
    }
    deps.changed();
    res.writeHead(204, NO_STORE).end();
  });
}
