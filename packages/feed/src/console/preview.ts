/**
 * `POST /v1/admin/preview`: what users would see if a draft were published. The draft goes the
 * write's way up to the journal (same validation, context, ownership check and commands, then
 * the whole document validated), is applied to a copy, and the service's view is derived and
 * worded by the view streams' own code (`ServiceViews`). Nothing is stored.
 */
import {
  applyChange,
  feedLanguages,
  maintenanceWarnings,
  validateDocument,
  type Maintenance,
  type ServiceView,
  type StatusDocument,
  type FeedLimits,
} from '@statuskit/model';
import { draftChange } from '../draft-change.js';
import { HttpError } from '../http/http-error.js';
import { checkLiveSize } from '../limits.js';
import type { StoreHealth } from '../store/change-store.js';
import { ServiceViews } from '../views/service-views.js';
import { viewLanguage } from '../views/view-language.js';
import { valid } from '../write-path.js';
import { windowServiceLevelWarnings, type ServiceLevelWarning } from './overview-warnings.js';
import type { PreviewRequest } from './preview-request.js';

/** The clock and limits a write is judged against. */
export interface Judged {
  readonly now: Date;
  readonly limits: FeedLimits;
}

/** A service-level warning of a maintenance draft, with the feed's sentence for scripts. */
export type PreviewWarning = ServiceLevelWarning & { readonly message: string };

export interface PreviewAnswer {
  readonly views: Readonly<Record<string, ServiceView>>;
  readonly warnings: readonly PreviewWarning[];
}

export interface PreviewInput {
  readonly document: StatusDocument;
  readonly revision: number;
  readonly health: StoreHealth;
  readonly authority: string;
  /** What the write would be judged against (the feed's clock and limits). */
  readonly judged: Judged;
}

/** The draft's views of `request.service` in every feed language, and its warnings. */
export function previewDraft(input: PreviewInput, request: PreviewRequest): PreviewAnswer {
  const { document, authority, judged } = input;
  if (!document.services.some((service) => service.id === request.service)) {
    throw new HttpError(404, `service: unknown service "${request.service}"`, [
      { path: 'service', message: `unknown service "${request.service}"` },
    ]);
  }
  const change = draftChange(document, authority, request.draft, judged);
  const after = applyChange(document, change);
  valid(validateDocument(after));
  checkLiveSize(document, after, authority, change, judged.limits);

  // A store of one document: the copy, one revision on, as the stream would send it next.
  const views = new ServiceViews({
    document: after,
    revision: input.revision + 1,
    health: input.health,
  });
  const at = request.at ?? judged.now.getTime();
  const byLanguage: Record<string, ServiceView> = {};
  for (const language of feedLanguages(after)) {
    const rendered = views.view(request.service, viewLanguage(language, after.defaultLocale), at);
    if (rendered) byLanguage[language] = JSON.parse(rendered.body.toString('utf8')) as ServiceView;
  }
  const warnings =
    change.type === 'maintenance'
      ? previewWarnings(change.maintenance, document, after, judged.now)
      : [];
  return { views: byLanguage, warnings };
}

/**
 * The warnings the write would be accepted with (the model's, so the same rule decides), each
 * with the figures the console words it from: the service, the days given and required, the
 * minutes planned and allowed.
 */
function previewWarnings(
  window: Maintenance,
  before: StatusDocument,
  after: StatusDocument,
  now: Date,
): PreviewWarning[] {
  const previous = before.maintenance.find((entry) => entry.id === window.id);
  const accepted = maintenanceWarnings(previous, window, before, now);
  return windowServiceLevelWarnings(window, after).flatMap((warning) => {
    const code = warning.kind === 'notice-period' ? 'notice_period' : 'max_outage';
    const message = accepted.find((entry) => entry.code === code)?.message;
    return message === undefined ? [] : [{ ...warning, message }];
  });
}
