// What an operator does in the console (@statuskit/console), as steps the demo's end-to-end tests
// take: through the real screens, by their labels and roles, as a person would (the console is
// in English: the test browser's language).
import type { Page } from 'playwright-core';

export { signIn } from '../../packages/console/test/harness.js';

/** Texts in the demo feed's four languages. */
type Texts = Readonly<Record<'da' | 'en' | 'sv' | 'fi', string>>;

interface IncidentDraft {
  readonly serviceName: string;
  readonly title: Texts;
  readonly message: Texts;
  readonly resolution: Texts;
}

/** An incident on the tax return as its authority (skat) writes it, in the feed's languages. */
export const TAX_RETURN_OUTAGE: IncidentDraft = {
  serviceName: 'Tax return',
  title: {
    da: 'Selvangivelsen virker ikke',
    en: 'The tax return is not working',
    sv: 'Självdeklarationen fungerar inte',
    fi: 'Veroilmoitus ei toimi',
  },
  message: {
    da: 'Vi arbejder på at rette fejlen.',
    en: 'We are working on a fix.',
    sv: 'Vi arbetar på att rätta felet.',
    fi: 'Korjaamme vikaa.',
  },
  resolution: {
    da: 'Selvangivelsen virker igen.',
    en: 'The tax return works again.',
    sv: 'Självdeklarationen fungerar igen.',
    fi: 'Veroilmoitus toimii taas.',
  },
};

const LANGUAGE_NAMES: Record<keyof Texts, string> = {
  da: 'Danish',
  en: 'English',
  sv: 'Swedish',
  fi: 'Finnish',
};

/** Fills one labelled field per language, as `sk-localized-text-fields` shows them. */
async function fillTexts(page: Page, label: string, texts: Texts): Promise<void> {
  for (const [lang, name] of Object.entries(LANGUAGE_NAMES) as [keyof Texts, string][]) {
    await page.getByLabel(`${label} (${name})`, { exact: true }).fill(texts[lang]);
  }
}

/** The console's polite announcement after a saved change. */
async function announced(page: Page, text: string): Promise<void> {
  await page
    .locator('statuskit-console .announcer')
    .filter({ hasText: text })
    .waitFor({ timeout: 5_000 });
}

/**
 * Opens `draft` as a critical incident from the incidents screen, and waits until the console
 * says it is published (it then shows the incident's own page).
 */
export async function openIncident(page: Page, draft: IncidentDraft): Promise<void> {
  await page.getByRole('link', { name: 'Incidents', exact: true }).click();
  await page.getByRole('link', { name: 'Open a new incident' }).click();
  await page.getByRole('checkbox', { name: draft.serviceName, exact: true }).check();
  await page.getByLabel('Impact', { exact: true }).selectOption('critical');
  await fillTexts(page, 'Title', draft.title);
  await fillTexts(page, 'Message', draft.message);
  await page.getByRole('button', { name: 'Open incident' }).click();
  await announced(page, `Incident “${draft.title.en}” is open and published.`);
  await page.getByRole('heading', { level: 1, name: draft.title.en }).waitFor();
}

/** On the incident's own page: resolves it with `draft.resolution`. */
export async function resolveIncident(page: Page, draft: IncidentDraft): Promise<void> {
  await fillTexts(page, 'Update', draft.resolution);
  await page.getByRole('button', { name: 'Resolve', exact: true }).click();
  await announced(page, 'The incident is resolved.');
}
