// Demo events published through the real admin API on first start (or after --reset), so the
// pages have something to show: a planned maintenance window tomorrow night.

/** Tomorrow at `hour`:00 Copenhagen time (approximated as the next local day, UTC+1/+2 aware via Intl). */
function copenhagenTomorrowAt(hour, now = new Date()) {
  const day = new Date(now.getTime() + 24 * 3600 * 1000);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(day);
  // Try both Danish offsets and keep the one that really is `hour` o'clock in Copenhagen.
  for (const offset of ['+01:00', '+02:00']) {
    const candidate = new Date(`${parts}T${String(hour).padStart(2, '0')}:00:00${offset}`);
    const shown = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Copenhagen',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(candidate);
    if (Number(shown) === hour) return `${parts}T${String(hour).padStart(2, '0')}:00:00${offset}`;
  }
  return `${parts}T${String(hour).padStart(2, '0')}:00:00+01:00`;
}

/**
 * The demo window's title and message. Pages show the title after a label that already says
 * what it is ("Planned maintenance: …" in the banner, under "Planned maintenance" in
 * <status-maintenance>), so the title names the work, not "planned maintenance" again.
 */
export const DEMO_MAINTENANCE_TEXT = {
  title: {
    da: 'Opdatering af NemKonto-systemet',
    en: 'NemKonto system update',
    sv: 'Uppdatering av NemKonto-systemet',
    fi: 'NemKonto-järjestelmän päivitys',
  },
  message: {
    da: 'Du kan ikke se eller ændre din NemKonto, mens vi opdaterer systemet.',
    en: 'You cannot see or change your NemKonto while we update the system.',
    sv: 'Du kan inte se eller ändra ditt NemKonto medan vi uppdaterar systemet.',
    fi: 'Et voi tarkastella tai muuttaa NemKonto-tiliäsi päivityksen aikana.',
  },
};

export async function seedDemo(feedUrl, tokens) {
  const start = copenhagenTomorrowAt(22);
  const end = new Date(Date.parse(start) + 4 * 3600 * 1000).toISOString();
  const response = await fetch(`${feedUrl}/v1/admin/maintenance`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.digst}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      services: ['payments'],
      ...DEMO_MAINTENANCE_TEXT,
      scheduledStart: start,
      scheduledEnd: end,
      keepsWork: true,
    }),
  });
  if (!response.ok)
    throw new Error(`seeding the demo failed: ${response.status} ${await response.text()}`);
}
