import { afterEach, describe, expect, it } from 'vitest';
import { startTestFeed, type TestFeed } from '../helpers/feed.js';
import { incidentBody, TOKENS } from '../helpers/fixtures.js';
import { http } from '../helpers/http.js';

const HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">&amp;\'';

const feeds: TestFeed[] = [];
afterEach(async () => {
  await Promise.all(feeds.splice(0).map((feed) => feed.close()));
});

async function resolvedIncident(): Promise<{ url: string; id: string }> {
  const feed = await startTestFeed({
    configOverrides: { publicUrl: 'https://status.example.dk' },
  });
  feeds.push(feed);
  const { url } = feed;
  const opened = await http(`${url}/v1/admin/incidents`, {
    method: 'POST',
    token: TOKENS.digst,
    body: incidentBody({ title: { da: `Dansk ${HOSTILE}`, en: `English ${HOSTILE}` } }),
  });
  const id = opened.json<{ incident: { id: string } }>().incident.id;
  await http(`${url}/v1/admin/incidents/${id}/updates`, {
    method: 'POST',
    token: TOKENS.digst,
    body: { state: 'resolved', message: { da: 'Løst.', en: 'Resolved.' } },
  });
  return { url, id };
}

describe('the printable record page (?format=html)', () => {
  it('escapes every text from the feed and allows no script under its CSP', async () => {
    const { url, id } = await resolvedIncident();
    const page = await http(`${url}/v1/records/${id}?format=html&lang=en`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; base-uri 'none'/,
    );
    expect(page.text).not.toContain('<script');
    expect(page.text).not.toContain('<img');
    expect(page.text).toContain(
      'English &#60;script&#62;alert(1)&#60;/script&#62;&#60;img src=x onerror=&#34;alert(2)&#34;&#62;&#38;amp;&#39;',
    );
    const kid = (await http(`${url}/v1/keys`)).json<{ keys: { kid: string }[] }>().keys[0]?.kid;
    expect(page.text).toContain(`by key <code>${kid ?? ''}</code>`);
    expect(page.text).toContain('statuskit-feed verify record.json');
    expect(page.text).toContain(`<a href="${id}">`);
  });

  it("speaks the reader's language: ?lang=, then Accept-Language, then the feed's default", async () => {
    const { url, id } = await resolvedIncident();
    const english = await http(`${url}/v1/records/${id}?format=html&lang=en-GB`);
    expect(english.text).toContain('<html lang="en-GB">');
    expect(english.text).toContain('<h1>Record of an outage: English');
    expect(english.headers['content-language']).toBe('en-GB');

    const accepted = await http(`${url}/v1/records/${id}?format=html`, {
      headers: { 'accept-language': 'fr-FR,en;q=0.8' },
    });
    expect(accepted.text).toContain('<html lang="en">');
    // The feed's default (da) when nothing asked for has words.
    const danish = await http(`${url}/v1/records/${id}?format=html`);
    expect(danish.text).toContain('<html lang="da">');
    expect(danish.text).toContain('<h1>Dokumentation for en driftsforstyrrelse: Dansk');
    expect(danish.headers['vary']).toBe('Accept-Language');
    const swedish = await http(`${url}/v1/records/${id}?format=html&lang=sv`);
    expect(swedish.text).toContain('<html lang="sv">');
    expect(swedish.text).toContain('<h1>Intyg om ett avbrott: Dansk');
    const finnish = await http(`${url}/v1/records/${id}?format=html&lang=fi-FI`);
    expect(finnish.text).toContain('<html lang="fi-FI">');
    expect(finnish.text).toContain('<h1>Todistus käyttökatkosta: Dansk');
    const nynorsk = await http(`${url}/v1/records/${id}?format=html`, {
      headers: { 'accept-language': 'nn-NO' },
    });
    expect(nynorsk.text).toContain('<h1>Dokumentasjon av ei driftsforstyrring: Dansk');
  });

  it('answers 400 naming ?lang= when it is not a language tag', async () => {
    const { url, id } = await resolvedIncident();
    for (const lang of ['en-!!', 'en-GB\r\nx: y', 'da-abcdefghij']) {
      const page = await http(
        `${url}/v1/records/${id}?format=html&lang=${encodeURIComponent(lang)}`,
      );
      expect(page.status, lang).toBe(400);
      expect(page.json()['error']).toMatch(/^lang: must be a language tag like "da" or "en-GB"/);
    }
  });
});
