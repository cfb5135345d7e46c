import { expect } from 'chai';
import '../../src/define-all.js';
import { cleanUp, mount, shadowText, startFeed, waitFor } from './helpers.js';
import type { TestFeed } from './helpers.js';

const ZONE = 'Europe/Copenhagen';

/** `2026-12-05` for the calendar day `days` from today in `ZONE`. */
function zonedDay(days: number): string {
  const noon = Date.now() + days * 86_400_000;
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(noon);
}

/** The instant of `day` at `time` in `ZONE`, as ISO with the zone's offset that day. */
function zoned(day: string, time: string): string {
  const probe = Date.parse(`${day}T12:00:00Z`);
  const offset =
    new Intl.DateTimeFormat('en', { timeZone: ZONE, timeZoneName: 'longOffset' })
      .formatToParts(probe)
      .find((part) => part.type === 'timeZoneName')
      ?.value.replace('GMT', '') || '+00:00';
  return `${day}T${time}:00${offset}`;
}

describe('<status-banner> wording of a window over midnight (#15, item 6)', function () {
  this.timeout(30_000);
  let feed: TestFeed;

  beforeEach(async () => {
    feed = await startFeed();
  });
  afterEach(async () => {
    cleanUp();
    await feed.dispose();
  });

  for (const [lang, near, sunday] of [
    ['en', 'When: tomorrow, 22:00 – ', 'long'],
    ['da', 'Hvornår: i morgen kl. 22.00 – ', 'long'],
  ] as const) {
    it(`names the end's day and says "tomorrow" once (${lang})`, async () => {
      const endDay = zonedDay(2);
      await feed.admin('POST', '/maintenance', {
        services: ['tax-return'],
        title: { da: 'Opdatering', en: 'Update' },
        message: { da: 'Ny version.', en: 'New version.' },
        scheduledStart: zoned(zonedDay(1), '22:00'),
        scheduledEnd: zoned(endDay, '02:00'),
      });
      const main = mount(
        `<status-banner feed="${feed.url}" service="tax-return"></status-banner>`,
        lang,
      );
      const element = main.querySelector('status-banner');
      await waitFor(() => element?.shadowRoot?.querySelector('section') != null, 'shown');
      const text = shadowText(element);
      const weekday = new Intl.DateTimeFormat(lang === 'da' ? 'da' : 'en-GB', {
        weekday: sunday,
        timeZone: ZONE,
      }).format(Date.parse(zoned(endDay, '02:00')));
      expect(text).to.include(near);
      expect(text.toLowerCase()).to.include(weekday.toLowerCase());
      expect(text).to.match(/02[.:]00/);
      const tomorrow = lang === 'da' ? /i morgen/g : /tomorrow/g;
      expect(text.match(tomorrow)?.length, text).to.equal(1);
    });
  }

  it('<status-maintenance> also names the end day and says "tomorrow" once', async () => {
    await feed.admin('POST', '/maintenance', {
      services: ['tax-return'],
      title: { en: 'Update' },
      message: { en: 'New version.' },
      scheduledStart: zoned(zonedDay(1), '22:00'),
      scheduledEnd: zoned(zonedDay(2), '02:00'),
    });
    const main = mount(
      `<status-maintenance feed="${feed.url}" service="tax-return"></status-maintenance>`,
    );
    const element = main.querySelector('status-maintenance');
    await waitFor(() => element?.shadowRoot?.querySelector('time') != null, 'shown');
    const text = shadowText(element);
    expect(element?.shadowRoot?.querySelector('time')?.textContent).to.match(
      /^Tomorrow, 22:00 – \w+ \d+ \w+, 02:00/,
    );
    expect(text.match(/tomorrow/gi)?.length, text).to.equal(1);
  });
});
