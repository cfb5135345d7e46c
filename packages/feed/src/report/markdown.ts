import { resolveText, type LocalizedText } from '@statuskit/model';
import { formatDuration } from '../planning/duration.js';
import { MINUTE_MS, type TimeZone } from '../planning/zoned-time.js';
import { DEFINITIONS, type Reached, type Report } from './evaluation.js';

/**
 * Text from the feed (titles, names) as Markdown that shows it as it was written: a title like
 * `![x](https://…)` must not render as an image or a link, nor `<b>` as HTML. Characters that
 * start inline Markdown get a backslash (CommonMark lets any ASCII punctuation take one);
 * table cells escape `|` and line breaks on top of this.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]()<>!~&]/g, '\\$&');
}

/** The report as Markdown that reads well as plain text and renders as tables. */
export function formatMarkdown(report: Report, zone: TimeZone, locale = 'en'): string {
  const text = (value: LocalizedText | null, fallback: string): string =>
    escapeMarkdown(value ? resolveText(value, [locale], 'en') || fallback : fallback);
  const cell = (value: string): string => value.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const when = (iso: string | null): string => {
    if (iso === null) return '–';
    const instant = Date.parse(iso);
    return `${zone.date(instant)} ${zone.clock(instant)}`;
  };
  const span = (startIso: string, endIso: string): string =>
    zone.span(Date.parse(startIso), Date.parse(endIso));
  const duration = (value: number | null): string =>
    value === null ? '–' : formatDuration(value * MINUTE_MS);
  const visitors = (count: number): string => `${count} visitor${count === 1 ? '' : 's'}`;
  const percent = (value: number | null): string =>
    value === null ? '–' : `${value.toFixed(3)} %`;
  const reached = (value: Reached): [string, string] => [
    value.direct.join(', ') || '–',
    value.throughDependencies.map((entry) => entry.chain).join('; ') || '–',
  ];
  const table = (
    head: readonly string[],
    rows: readonly (readonly string[])[],
    right: ReadonlySet<number>,
  ): string[] => [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, index) => (right.has(index) ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];

  const lines: string[] = [];
  const { period, source } = report;
  lines.push(
    `# Outage evaluation ${zone.date(Date.parse(period.from))} to ${zone.date(Date.parse(period.to) - 1)}`,
    '',
  );
  lines.push(
    `Period ${when(period.from)} to ${when(period.to)} (${period.timeZone}). ` +
      (source.firstRevision === null
        ? 'The journal holds no records.'
        : `Journal revisions ${source.firstRevision}–${source.lastRevision}, ` +
          `${when(source.historyFrom)} to ${when(source.historyTo)}; catalogue from the ${source.catalogue}.`),
  );
  if (source.historyFrom !== null && Date.parse(source.historyFrom) > Date.parse(period.from)) {
    lines.push(
      '',
      `History starts with the first journal record (${when(source.historyFrom)}); the time before it is not counted.`,
    );
  }
  lines.push('');

  lines.push('## Services', '');
  lines.push(
    ...table(
      [
        'Service',
        'Availability',
        'Excluding planned',
        'Target',
        'Verdict',
        'Unplanned outage',
        'Planned',
        'Impaired',
        'Longest outage',
        'Declared maximum',
      ],
      report.services.map((service) => [
        `${text(service.name, service.id)} (${service.id})`,
        percent(service.availability),
        percent(service.availabilityExcludingPlanned),
        service.target === null ? '–' : `${service.target} %`,
        service.verdict === 'met' || service.verdict === 'not met'
          ? `**${service.verdict}**`
          : service.verdict,
        duration(service.unplannedMinutes),
        duration(service.plannedMinutes),
        duration(service.impairedMinutes),
        service.longestOutage
          ? `${duration(service.longestOutage.minutes)} from ${when(service.longestOutage.start)}`
          : '–',
        service.maxOutageMinutes === null
          ? '–'
          : `${duration(service.maxOutageMinutes)}: ${service.longestOutageVerdict}`,
      ]),
      new Set([1, 2, 3, 5, 6, 7]),
    ),
    '',
  );

  lines.push('## Planned maintenance', '');
  if (report.maintenance.length === 0) lines.push('None in the period.', '');
  else {
    lines.push(
      ...table(
        [
          'Maintenance',
          'Services',
          'Through dependencies',
          'Announced',
          'Lead time',
          'Notice period',
          'Scheduled',
          'Actual',
          'Overrun',
          'Alternatives before start',
          ...(report.maintenance.some((entry) => entry.usage) ? ['Timing against usage'] : []),
        ],
        report.maintenance.map((entry) => {
          const [direct, through] = reached(entry.services);
          const actual =
            entry.actualStart === null
              ? entry.state === 'cancelled'
                ? 'cancelled'
                : 'not recorded'
              : entry.actualEnd === null
                ? `from ${when(entry.actualStart)}`
                : span(entry.actualStart, entry.actualEnd);
          const usage = entry.usage
            ? [
                `${visitors(entry.usage.visitors)}; quietest that week ${entry.usage.quietest.visitors} ` +
                  `(${span(entry.usage.quietest.start, entry.usage.quietest.end)})` +
                  (entry.usage.timesQuietest === null ? '' : `: ${entry.usage.timesQuietest}×`) +
                  (entry.usage.source === 'log' ? '' : ` [${entry.usage.source}]`),
              ]
            : report.maintenance.some((other) => other.usage)
              ? ['–']
              : [];
          return [
            `${entry.id}: ${text(entry.title, entry.id)}`,
            direct,
            through,
            when(entry.announcedAt),
            `${entry.leadTimeDays} d`,
            entry.noticePeriodDays === null
              ? '–'
              : `${entry.noticePeriodDays} d: ${entry.noticeVerdict}`,
            span(entry.scheduledStart, entry.scheduledEnd),
            actual,
            entry.endDeltaMinutes === null
              ? '–'
              : entry.endDeltaMinutes > 0
                ? duration(entry.overrunMinutes)
                : entry.endDeltaMinutes < 0
                  ? `none (ended ${duration(-entry.endDeltaMinutes)} early)`
                  : 'none',
            entry.alternatives.beforeStart
              ? `yes (${entry.alternatives.kinds.join(', ')})`
              : '**no**',
            ...usage,
          ];
        }),
        new Set([4]),
      ),
      '',
    );
  }

  lines.push('## Incidents', '');
  if (report.incidents.length === 0) lines.push('None in the period.', '');
  else {
    lines.push(
      ...table(
        [
          'Incident',
          'Impact',
          'Started',
          'Published after',
          'First update after',
          'Duration',
          'Updates',
          'Median gap',
          'Services',
          'Through dependencies',
        ],
        report.incidents.map((entry) => {
          const [direct, through] = reached(entry.services);
          return [
            `${entry.id}: ${text(entry.title, entry.id)}`,
            entry.impact,
            when(entry.startedAt),
            duration(entry.publishedAfterMinutes),
            entry.firstUpdateAfterMinutes === null
              ? 'none'
              : duration(entry.firstUpdateAfterMinutes),
            entry.ongoing ? 'ongoing' : duration(entry.durationMinutes),
            String(entry.updates),
            duration(entry.medianUpdateGapMinutes),
            direct,
            through,
          ];
        }),
        new Set([3, 4, 5, 6, 7]),
      ),
      '',
    );
  }

  // Links, not a table column: a reader of the plain text can copy the address whole.
  const records = [...report.incidents, ...report.maintenance].filter(
    (entry) => entry.record !== null,
  );
  if (records.length > 0) {
    lines.push('## Records', '');
    for (const entry of records) {
      const link = entry.record ?? '';
      lines.push(
        `- ${entry.id}: ${text(entry.title, entry.id)}. Get a record of this outage: ${/^https?:/.test(link) ? `<${link}>` : link}`,
      );
    }
    lines.push('');
  }

  lines.push('## Own status changes', '');
  if (report.statusChanges.length === 0) lines.push('None in the period.', '');
  else {
    lines.push(
      ...table(
        ['When', 'Service', 'Status', 'Set by'],
        report.statusChanges.map((entry) => [
          when(entry.at),
          entry.service,
          entry.status,
          escapeMarkdown(entry.actor),
        ]),
        new Set(),
      ),
      '',
    );
  }

  lines.push('## Definitions', '');
  lines.push(`- **Unavailable**: ${DEFINITIONS.unavailable}.`);
  lines.push(`- **Planned**: ${DEFINITIONS.planned}.`);
  lines.push(`- **Impaired**: ${DEFINITIONS.impaired}.`);
  lines.push(`- **Availability**: ${DEFINITIONS.availability}.`);
  lines.push(`- **Excluding planned**: ${DEFINITIONS.availabilityExcludingPlanned}.`);
  lines.push(`- **Observed time**: ${DEFINITIONS.observed}.`);
  lines.push(
    '- Percentages are rounded down to three decimals, so a target is never shown as met when it was missed.',
  );
  return `${lines.join('\n')}\n`;
}
