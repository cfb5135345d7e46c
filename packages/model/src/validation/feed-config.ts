import type { Authority, Service } from '../types.js';
import { alertSettings, type AlertSettings } from './alerts-config.js';
import { probeList, type ProbeSettings } from './probes-config.js';
import { subscriptionSettings, type SubscriptionSettings } from './subscriptions-config.js';
import { consoleSettings, type ConsoleSettings } from './console-config.js';
import { dependencyCycles } from './dependency-cycles.js';
import { duplicateIds } from './document.js';
import {
  id,
  localeTag,
  nonNegativeInteger,
  wholeNumberFrom,
  positiveInteger,
  shortText,
  string,
} from './primitives.js';
import {
  allPresent,
  definedOnly,
  arrayOf,
  isRecord,
  itemPath,
  quote,
  readObject,
  type Issues,
  type Reader,
} from './reader.js';
import { rawIds, type References } from './references.js';
import { toValidation, type Validation } from './result.js';
import { service } from './service.js';
import { timeZone } from './time.js';
import { WRITE_LIMIT_DEFAULTS, type WriteLimits } from './write-limits.js';

/** An authority as configured: its public part plus the hashes of its admin tokens. */
export interface AuthorityConfig extends Authority {
  /** `sha256:<64 hex digits>`: tokens are never stored in clear text. */
  readonly tokens: readonly string[];
}

/** The feed server's configuration file (`statuskit.config.json`). */
export interface FeedConfig {
  readonly defaultLocale: string;
  readonly timeZone: string;
  readonly authorities: readonly AuthorityConfig[];
  /** The catalogue; a service's `status` defaults to `operational`. */
  readonly services: readonly Service[];
  readonly cors: {
    /** Who may read the public routes from a browser: `*` (any site) or these origins. */
    readonly origins: '*' | readonly string[];
    /**
     * Origins whose pages may call the admin routes (`/v1/admin/…`) from a browser; none by
     * default. The console, served by the feed itself, is same-origin and needs none.
     */
    readonly adminOrigins: readonly string[];
  };
  readonly heartbeatSeconds: number;
  readonly historySize: number;
  /**
   * The feed's address as the public sees it (`https://status.example.dk`): names the feed in
   * the calendar and is the domain of its UIDs. Never taken from a request's Host header.
   */
  readonly publicUrl?: string;
  readonly limits: FeedLimits;
  /**
   * Hours a resolved incident, or maintenance that ended (completed or cancelled), stays in the
   * live document after it ended; the journal and history keep it for ever.
   */
  readonly liveWindowHours: number;
  /** How alerts from Alertmanager and Grafana are received; absent: the defaults. */
  readonly alerts?: AlertSettings;
  /** HTTP checks the feed runs itself; absent: none. */
  readonly probes?: readonly ProbeSettings[];
  /** Webhook subscriptions: private addresses and limits; absent: the defaults. */
  readonly subscriptions?: SubscriptionSettings;
  /** The operators' console (`serve --console`): sessions and planning logs; absent: defaults. */
  readonly console?: ConsoleSettings;
}

/** How much one authority may publish; each has a default (`FEED_LIMIT_DEFAULTS`). */
export interface FeedLimits extends WriteLimits {
  /**
   * Bytes of JSON of the incidents and maintenance on the services an authority owns, in the
   * live document every subscriber receives as its snapshot.
   */
  readonly maxLiveBytesPerAuthority: number;
}

export const FEED_CONFIG_DEFAULTS = {
  heartbeatSeconds: 15,
  historySize: 1000,
  liveWindowHours: 24,
} as const;

export const FEED_LIMIT_DEFAULTS: FeedLimits = {
  ...WRITE_LIMIT_DEFAULTS,
  maxLiveBytesPerAuthority: 512 * 1024,
};

const limits: Reader<FeedLimits> = (value, path, issues) =>
  readObject(value, path, issues, (fields) => ({
    ...FEED_LIMIT_DEFAULTS,
    ...definedOnly({
      maxUpdatesPerIncident: fields.optional('maxUpdatesPerIncident', positiveInteger),
      maxLanguagesPerText: fields.optional('maxLanguagesPerText', positiveInteger),
      maxAlternatives: fields.optional('maxAlternatives', nonNegativeInteger),
      maxLiveBytesPerAuthority: fields.optional('maxLiveBytesPerAuthority', positiveInteger),
    }),
  }));

const TOKEN_HASH = /^sha256:[0-9a-f]{64}$/;

const tokenHash: Reader<string> = (value, path, issues) => {
  const text = string(value, path, issues);
  if (text === undefined || TOKEN_HASH.test(text)) return text;
  issues.push({
    path,
    message: 'must be "sha256:" and 64 lowercase hex digits (run `statuskit-feed hash-token`)',
  });
  return undefined;
};

const tokenList: Reader<string[]> = (value, path, issues) => {
  const tokens = arrayOf(tokenHash)(value, path, issues);
  if (tokens?.length === 0) {
    issues.push({ path, message: 'must list at least one token hash' });
    return undefined;
  }
  return tokens;
};

const authority: Reader<AuthorityConfig> = (value, path, issues) =>
  readObject(value, path, issues, (fields) =>
    allPresent({
      id: fields.required('id', id),
      name: fields.required('name', shortText),
      tokens: fields.required('tokens', tokenList),
    }),
  );

/** `text` as a URL when it is an http or https one. */
function httpUrl(text: string): URL | undefined {
  try {
    const parsed = new URL(text);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** `https://skat.example` (or `http://localhost:8080` for development): an origin, no path. */
const origin: Reader<string> = (value, path, issues) => {
  const text = string(value, path, issues);
  if (text === undefined) return undefined;
  if (httpUrl(text)?.origin === text) return text;
  issues.push({ path, message: `${quote(text)} is not an origin such as "https://skat.example"` });
  return undefined;
};

/** `https://status.example.dk` or one with a path; no user, query or fragment. */
const publicUrl: Reader<string> = (value, path, issues) => {
  const text = string(value, path, issues);
  if (text === undefined) return undefined;
  const parsed = httpUrl(text);
  if (
    parsed &&
    parsed.username === '' &&
    parsed.password === '' &&
    !text.includes('?') &&
    !text.includes('#')
  ) {
    return text;
  }
  issues.push({
    path,
    message: `${quote(text)} is not the feed's public address: use an http or https URL such as "https://status.example.dk", without user, query or fragment`,
  });
  return undefined;
};

const cors: Reader<FeedConfig['cors']> = (value, path, issues) =>
  readObject(value, path, issues, (fields) => {
    const origins = fields.optional<'*' | string[]>('origins', (raw, at, found) =>
      raw === '*' ? '*' : arrayOf(origin)(raw, at, found),
    );
    const adminOrigins = fields.optional('adminOrigins', arrayOf(origin));
    return { origins: origins ?? '*', adminOrigins: adminOrigins ?? [] };
  });

const heartbeatSeconds = wholeNumberFrom(1, 300, 'seconds');
const historySize = wholeNumberFrom(1, 1_000_000);

const liveWindowHours = wholeNumberFrom(1, 720, 'hours', '30 days');

/** The same token hash under two authorities would make a write's authority ambiguous. */
function sharedTokens(authorities: readonly AuthorityConfig[], issues: Issues): void {
  const owner = new Map<string, string>();
  authorities.forEach((entry, index) => {
    entry.tokens.forEach((hash, tokenIndex) => {
      const earlier = owner.get(hash);
      if (earlier !== undefined && earlier !== entry.id) {
        issues.push({
          path: `${itemPath('authorities', index)}.tokens[${tokenIndex}]`,
          message: `the same token is also given to authority "${earlier}"`,
        });
      }
      owner.set(hash, entry.id);
    });
  });
}

/** A catalogue entry may leave out `status`: a newly declared service starts operational. */
function withDefaultStatus(services: unknown): unknown {
  if (!Array.isArray(services)) return services;
  return (services as readonly unknown[]).map((entry) =>
    isRecord(entry) && entry.status === undefined ? { ...entry, status: 'operational' } : entry,
  );
}

/** Validates `statuskit.config.json`, filling in defaults; every problem has a JSON path. */
export function validateFeedConfig(input: unknown): Validation<FeedConfig> {
  const issues: Issues = [];
  const raw = isRecord(input) ? { ...input, services: withDefaultStatus(input.services) } : input;
  const record = isRecord(raw) ? raw : {};
  const references: References = {
    services: rawIds(record.services),
    authorities: rawIds(record.authorities),
  };
  const config = readObject(raw, '', issues, (fields) => {
    const authorities = fields.required('authorities', arrayOf(authority));
    if (authorities?.length === 0) {
      issues.push({ path: 'authorities', message: 'must list at least one authority' });
    }
    if (authorities) sharedTokens(authorities, issues);
    const required = allPresent({
      defaultLocale: fields.required('defaultLocale', localeTag),
      timeZone: fields.required('timeZone', timeZone),
      authorities,
      services: fields.required('services', arrayOf(service(references))),
    });
    const corsSettings = fields.optional('cors', cors) ?? {
      origins: '*' as const,
      adminOrigins: [],
    };
    const heartbeat = fields.optional('heartbeatSeconds', heartbeatSeconds);
    const history = fields.optional('historySize', historySize);
    const address = fields.optional('publicUrl', publicUrl);
    const limitSettings = fields.optional('limits', limits) ?? FEED_LIMIT_DEFAULTS;
    const liveWindow = fields.optional('liveWindowHours', liveWindowHours);
    const alerts = fields.optional('alerts', alertSettings);
    const probes = fields.optional('probes', probeList(references));
    const subscriptions = fields.optional('subscriptions', subscriptionSettings);
    const consoleGroup = fields.optional('console', consoleSettings(references));
    if (!required) return undefined;
    return {
      ...required,
      ...(address !== undefined && { publicUrl: address }),
      cors: corsSettings,
      heartbeatSeconds: heartbeat ?? FEED_CONFIG_DEFAULTS.heartbeatSeconds,
      historySize: history ?? FEED_CONFIG_DEFAULTS.historySize,
      limits: limitSettings,
      liveWindowHours: liveWindow ?? FEED_CONFIG_DEFAULTS.liveWindowHours,
      ...(alerts !== undefined && { alerts }),
      ...(probes !== undefined && { probes }),
      ...(subscriptions !== undefined && { subscriptions }),
      ...(consoleGroup !== undefined && { console: consoleGroup }),
    };
  });
  duplicateIds(record, issues);
  if (Array.isArray(record.services))
    dependencyCycles(record.services as readonly unknown[], issues);
  return toValidation(config, issues);
}
