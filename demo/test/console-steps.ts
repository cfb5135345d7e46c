// What an operator does in the console (@statuskit/console), as steps the demo's end-to-end tests
// take: through the real screens, by their labels, as a person would.
import type { Page } from 'playwright-core';

export { signIn } from '../../packages/console/test/harness.js';

/** An incident on the tax return, as its authority (skat) would open it in the console. */
export const TAX_RETURN_OUTAGE = {
  service: 'tax-return',
  title: { da: 'Selvangivelsen virker ikke', en: 'The tax return is not working' },
  message: { da: 'Vi arbejder på at rette fejlen.', en: 'We are working on a fix.' },
  resolved: { da: 'Selvangivelsen virker igen.', en: 'The tax return works again.' },
} as const;

type IncidentDraft = typeof TAX_RETURN_OUTAGE;

/** Opens `draft` on the incidents screen and waits until the console says it is saved. */
export async function openIncident(page: Page, draft: IncidentDraft): Promise<void> {
  throw new Error(`not written yet: open ${draft.title.en} on ${page.url()}`);
}

/** Resolves the open incident titled `draft.title.en`, with its resolution message. */
export async function resolveIncident(page: Page, draft: IncidentDraft): Promise<void> {
  throw new Error(`not written yet: resolve ${draft.title.en} on ${page.url()}`);
}
