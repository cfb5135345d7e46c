/** A webhook subscription as stored, and how a new one is read from an admin request. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { StatusDocument, ValidationIssue } from '@statuskit/model';
import { badRequest, HttpError } from '../http/http-error.js';
import { requireKnownServices } from '../sse/stream-filter.js';
import { WEBHOOK_EVENTS, type WebhookEventType } from './webhook-events.js';

export interface Subscription {
  /** `sub_` and a UUID. */
  readonly id: string;
  /** The authority that made it: only it may see or remove it. */
  readonly authority: string;
  readonly url: string;
  /** Only changes concerning these services (and what they depend on); absent: all. */
  readonly services?: readonly string[];
  /** Only these events; absent: all. */
  readonly events?: readonly WebhookEventType[];
  /** `whsec_` and base64 of 32 random bytes: the HMAC key of `v1,` signatures. */
  readonly secret: string;
  readonly createdAt: string;
}

/** Where a subscription's deliveries stand; kept apart from it, as it changes per delivery. */
export interface DeliveryState {
  /** Revision of the last record delivered, given up on or passed over (not for this subscriber). */
  readonly delivered: number;
  /** When the delivery now being retried first failed (ISO 8601); absent while none fails. */
  readonly failingSince?: string;
  /** Set when the receiver answered 410 Gone: nothing more is sent. */
  readonly disabled?: { readonly at: string; readonly reason: string };
}

/** What the admin API shows: everything but the secret, which is shown once, at creation. */
export type SubscriptionView = Omit<Subscription, 'secret'> & {
  readonly disabled?: DeliveryState['disabled'];
};

export function viewOf(subscription: Subscription, state?: DeliveryState): SubscriptionView {
  const { secret: _secret, ...view } = subscription;
  return { ...view, ...(state?.disabled && { disabled: state.disabled }) };
}

export interface SubscriptionInput {
  readonly url: string;
  readonly services?: readonly string[];
  readonly events?: readonly WebhookEventType[];
}

const URL_MAX = 2048;

/** Reads `{ url, services?, events? }`; 400 naming each bad field, 404 for unknown services. */
export function readSubscriptionInput(
  body: unknown,
  document: StatusDocument,
  allowPrivateAddresses: boolean,
): SubscriptionInput {
  const issues: ValidationIssue[] = [];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest([
      { path: '', message: 'must be an object { "url", "services"?, "events"? }' },
    ]);
  }
  const fields = body as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(fields)) {
    if (!['url', 'services', 'events'].includes(key)) {
      issues.push({ path: key, message: `unknown field "${key}"` });
    }
  }
  const url = receiverUrl(fields['url'], allowPrivateAddresses, issues);
  const services = idList(fields['services'], 'services', issues);
  const events = idList(fields['events'], 'events', issues);
  events?.forEach((event, index) => {
    if (!WEBHOOK_EVENTS.some((known) => known === event)) {
      issues.push({
        path: `events[${index}]`,
        message: `unknown event "${event}"; one of ${WEBHOOK_EVENTS.join(', ')}`,
      });
    }
  });
  if (issues.length > 0 || url === undefined) throw badRequest(issues);
  if (services) requireKnownServices(document, services);
  return {
    url,
    ...(services && { services }),
    ...(events && { events: events as WebhookEventType[] }),
  };
}

export function newSubscription(
  input: SubscriptionInput,
  authority: string,
  now: Date,
): Subscription {
  return {
    id: `sub_${randomUUID()}`,
    authority,
    ...input,
    secret: `whsec_${randomBytes(32).toString('base64')}`,
    createdAt: now.toISOString(),
  };
}

export function subscriptionNotFound(id: string): HttpError {
  return new HttpError(404, `no subscription "${id}" of yours`);
}

function receiverUrl(
  value: unknown,
  allowPrivateAddresses: boolean,
  issues: ValidationIssue[],
): string | undefined {
  const path = 'url';
  if (value === undefined) {
    issues.push({ path, message: 'is required: the https:// address deliveries are posted to' });
    return undefined;
  }
  if (typeof value !== 'string') {
    issues.push({ path, message: 'must be a string' });
    return undefined;
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {
    parsed = undefined;
  }
  const httpAllowed = allowPrivateAddresses && parsed?.protocol === 'http:';
  if (value.length > URL_MAX) {
    issues.push({ path, message: `must be at most ${URL_MAX} characters` });
  } else if (!parsed || (parsed.protocol !== 'https:' && !httpAllowed)) {
    issues.push({
      path,
      message: allowPrivateAddresses
        ? 'must be an https:// (or http://) URL'
        : 'must be an https:// URL (http:// only where "subscriptions.allowPrivateAddresses" is set)',
    });
  } else if (parsed.username !== '' || parsed.password !== '') {
    issues.push({ path, message: 'must not carry a user name or password' });
  } else {
    return parsed.href;
  }
  return undefined;
}

/** A non-empty list of distinct strings, or `undefined` when absent (meaning all). */
function idList(
  value: unknown,
  path: string,
  issues: ValidationIssue[],
): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    issues.push({ path, message: 'must be an array of strings' });
    return undefined;
  }
  if (value.length === 0) {
    issues.push({ path, message: 'must name at least one, or be left out for all' });
    return undefined;
  }
  return [...new Set(value as string[])];
}
