import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { html, nothing } from 'lit';
import { bannerWouldShow } from '../src/banner/banner-demand.js';
import { rememberDismissal } from '../src/banner/dismissals.js';
import { BANNER_CSS, bannerStyleHash, renderBannerHtml } from '../src/banner/server.js';
import { renderHtml } from '../src/server/template-html.js';
import { BANNER_STATES, bannerView, notice, quietView } from './views.js';

const NOW = Date.parse('2026-03-13T17:00:00Z');

/** The text a reader sees with CSS but no script: tags dropped, entities read, spaces collapsed. */
function visibleText(markup: string): string {
  return markup
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('renderBannerHtml', () => {
  it('returns "" when nothing applies', () => {
    expect(renderBannerHtml(quietView('en', NOW), { now: NOW })).toBe('');
  });

  it('renders the element with a declarative shadow root: heading, cause, message, link to alternatives', () => {
    const markup = renderBannerHtml(bannerView('outage', 'en', NOW), {
      lang: 'en',
      now: NOW,
      feed: 'https://status.example/v1',
    });
    expect(markup).toMatch(
      /^<status-banner service="tax-return" lang="en" feed="https:\/\/status\.example\/v1" alternatives-href="#statuskit-alternatives"><template shadowrootmode="open"><style>/,
    );
    expect(markup.endsWith('</template></status-banner>')).toBe(true);
    const text = visibleText(markup);
    expect(text).toContain('Tax return is not working right now');
    expect(text).toContain('Outage: MitID is down');
    expect(text).toContain(
      'You may not be able to use Tax return because MitID is down. Tax return uses MitID through Login.',
    );
    expect(text).toContain('Ingen kan logge ind lige nu.');
    expect(text).toContain('Since today, 17:35.');
    expect(markup).toContain('<a href="#statuskit-alternatives">What you can do instead</a>');
    expect(markup).toContain('<span lang="da">Ingen kan logge ind lige nu.</span>');
    expect(markup).toContain('<h2 id="heading" part="heading">');
    // No close button for an outage, and never an event handler or a lit marker in the HTML.
    expect(markup).not.toMatch(/<button|@click|\?lit|lit-part/);
  });

  it('speaks the page language: Danish strings and dates, Nordic time separator', () => {
    const markup = renderBannerHtml(bannerView('planned', 'da', NOW), { lang: 'da', now: NOW });
    const text = visibleText(markup);
    expect(text).toContain('Planlagt vedligeholdelse');
    expect(text).toMatch(/Hvornår: mandag 16\. marts kl\. 18\.00–20\.00, om 3 dage\./);
    expect(markup).toContain('lang="da"');
  });

  it('picks the "soon" heading and type within warn-before minutes', () => {
    const view = bannerView('soon', 'en', NOW);
    expect(visibleText(renderBannerHtml(view, { now: NOW }))).toContain(
      'Maintenance of Tax return starts soon',
    );
    const early = visibleText(renderBannerHtml(view, { now: NOW, warnBeforeMinutes: 5 }));
    expect(early).toContain('Planned maintenance of Tax return');
    expect(early).not.toContain('starts soon');
  });

  it('stands an empty box in for the close button, so the layout matches the element', () => {
    const markup = renderBannerHtml(bannerView('planned', 'en', NOW), { now: NOW });
    expect(markup).toContain(
      '<span class="close" aria-hidden="true"><span class="icon"></span></span>',
    );
  });

  it('renders every state, and says when the view may be out of date', () => {
    for (const state of BANNER_STATES) {
      for (const lang of ['da', 'en'] as const) {
        const markup = renderBannerHtml(bannerView(state, lang, NOW), { lang, now: NOW });
        expect(markup, `${state} ${lang}`).toContain('<section part="base"');
      }
    }
    expect(visibleText(renderBannerHtml(bannerView('stale', 'en', NOW), { now: NOW }))).toContain(
      'We cannot check for news right now, so this may be out of date.',
    );
    const multiple = renderBannerHtml(bannerView('multiple', 'en', NOW), { now: NOW });
    expect(multiple.match(/<li part="notice"/g)?.length).toBe(3);
  });

  it('escapes every feed text and attribute: markup in the feed stays text', () => {
    const evil = '<img src=x onerror="alert(1)">&amp;"\'';
    const view = bannerView('outage', 'en', NOW);
    const hostile = {
      ...view,
      service: 'tax"><script>alert(1)</script>',
      notices: [
        {
          ...notice(
            {
              kind: 'incident',
              id: 'x',
              phase: 'active',
              status: 'major_outage',
              originStatus: 'major_outage',
              chain: ['tax-return'],
              since: view.generatedAt,
              title: { text: evil, lang: `da"><b>` },
              message: { text: `</template></status-banner><script>alert(2)</script>` },
            },
            'en',
          ),
          sentences: { heading: evil, type: evil, problem: evil },
        },
      ],
    };
    const markup = renderBannerHtml(hostile, {
      now: NOW,
      lang: 'en"><x',
      alternativesHref: '"><script>',
    });
    expect(markup).not.toMatch(/<script|<img|<b>|<x/);
    expect(markup.match(/<\/template>/g)?.length).toBe(1);
    expect(visibleText(markup)).toContain(evil.replace('&amp;', '&amp;'));
    expect(markup).toContain('&lt;img src=x onerror="alert(1)"&gt;&amp;amp;"\'');
    expect(markup).toContain('service="tax&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('offers a CSP hash for its inline style, or links a stylesheet instead', async () => {
    const view = bannerView('outage', 'en', NOW);
    const expected = createHash('sha256').update(BANNER_CSS).digest('base64');
    expect(await bannerStyleHash()).toBe(`'sha256-${expected}'`);
    expect(renderBannerHtml(view, { now: NOW })).toContain(`<style>${BANNER_CSS}</style>`);
    const linked = renderBannerHtml(view, {
      now: NOW,
      stylesheet: 'https://status.example/v1/banner.css',
    });
    expect(linked).toContain(
      '<template shadowrootmode="open"><link rel="stylesheet" href="https://status.example/v1/banner.css">',
    );
    expect(linked).not.toContain('<style>');
  });
});

describe('the template string renderer', () => {
  it('drops attributes bound to nothing and event or property bindings, keeps ?boolean ones', () => {
    const onClick = (): void => undefined;
    expect(
      renderHtml(
        html`<p
          lang=${nothing}
          title=${'a"b'}
          @click=${onClick}
          .x=${1}
          ?hidden=${true}
          ?open=${false}
          class="c ${'d<'}"
        >
          ${['x', 1, nothing]}
        </p>`,
      ).replace(/\s+/g, ' '),
    ).toBe('<p title="a&quot;b" hidden class="c d&lt;" > x1 </p>');
  });

  it('refuses a binding it cannot place safely', () => {
    expect(() => renderHtml(html`<p ${'x'}></p>`)).toThrow(/attribute value/);
    expect(() => renderHtml(html`<!-- ${'x'} -->`)).toThrow(/comments/);
    expect(() => renderHtml({ toString: () => '<b>' })).toThrow(/cannot be rendered/);
  });
});

describe('a page language the feed did not answer in', () => {
  it('is worded from the elements own strings, with the same keys: Finnish page, Danish view', () => {
    const markup = renderBannerHtml(bannerView('outage', 'da', NOW), { lang: 'fi', now: NOW });
    const text = visibleText(markup);
    // The names and the incident's text are data, in Danish (and marked so); the sentences Finnish.
    expect(text).toContain('Selvangivelse ei toimi juuri nyt');
    expect(text).toContain('Katko: MitID er nede');
    expect(markup).toContain('<span lang="da">MitID er nede</span>');
  });
});

describe('bannerWouldShow (for the script-tag entry)', () => {
  it('is true while a notice the reader has not hidden applies, false on a quiet view', () => {
    expect(
      bannerWouldShow(bannerView('planned', 'en', NOW), 'https://status.example/v1', NOW),
    ).toBe(true);
    expect(bannerWouldShow(quietView('en', NOW), 'https://status.example/v1', NOW)).toBe(false);
  });

  it('is false once the reader hid every notice at its version', () => {
    const view = bannerView('planned', 'en', NOW);
    const feed = 'https://hidden.example/v1';
    rememberDismissal(
      feed,
      view.notices.map(({ key, version }) => ({ key, version })),
    );
    expect(bannerWouldShow(view, feed, NOW)).toBe(false);
    expect(bannerWouldShow(view, 'https://other.example/v1', NOW)).toBe(true);
  });
});
