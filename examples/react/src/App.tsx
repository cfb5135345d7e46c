import { useState } from 'react';
import {
  StatusAlternatives,
  StatusAvailability,
  StatusBanner,
  StatusDependencies,
  StatusMaintenance,
} from '@statuskit/elements/react';
import type { BannerChangeDetail } from '@statuskit/elements/react';

type Notice = BannerChangeDetail['notices'][number];

/** Notice types during which nobody can log in: an outage reaching the service, or work now. */
const BLOCKING: readonly string[] = ['outage', 'maintenance'];

export function App() {
  const [notices, setNotices] = useState<readonly Notice[]>([]);
  const blocked = notices.some((notice) => BLOCKING.includes(notice.type));

  // The banner reports what it shows (`statuskit-change`), so the app can say so by its button.
  const onBannerChange = (event: CustomEvent<BannerChangeDetail>): void => {
    setNotices(event.detail.notices);
  };

  return (
    <>
      <header>
        <p>Danish Tax Agency (an example, not a real page)</p>
      </header>

      <main>
        {/* Above the page's main heading, in normal flow. */}
        <StatusBanner warnBefore={20} onStatuskitChange={onBannerChange} />
        <h1>Tax return</h1>
        <p>
          See your tax assessment, correct your details and report what is missing. You log in with
          MitID.
        </p>
        <p>
          <button type="button" aria-describedby={blocked ? 'start-note' : undefined}>
            Log in and start
          </button>
        </p>
        {blocked && (
          <p id="start-note">
            Logging in does not work right now: see the message at the top of the page, or the other
            ways to do it below.
          </p>
        )}
        {/* Other ways to get the task done, next to the task: shown while something affects it. */}
        <StatusAlternatives />
      </main>

      <aside aria-labelledby="status-heading">
        <h2 id="status-heading">Service status</h2>
        <StatusDependencies headingLevel={3} />
        <StatusMaintenance headingLevel={3} />
        <StatusAvailability headingLevel={3} days={30} />
      </aside>

      <footer>
        <p>Danish Tax Agency · Phone +45 72 22 18 18</p>
      </footer>
    </>
  );
}
