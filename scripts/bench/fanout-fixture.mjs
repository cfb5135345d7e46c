// What both servers in the fan-out benchmark serve: one config (a believable national catalogue),
// one admin token, and the sequence of status changes the orchestrator publishes.
import { createHash } from 'node:crypto';

/** The admin token the orchestrator publishes with; the config holds only its hash. */
export const TOKEN = 'bench-digst-token-0123456789abcdef';

/** The service whose status the benchmark flips; owned by the token's authority. */
export const SERVICE_ID = 'eid';

/** Heartbeat interval for both servers (one shared timer in ours, one per session in theirs). */
export const HEARTBEAT_SECONDS = 15;

/** Reconnect delay both servers send on connect. */
export const RETRY_MS = 3000;

const hash = (token) => `sha256:${createHash('sha256').update(token).digest('hex')}`;

const named = (da, en) => ({ da, en });

/** Twelve services with shared dependencies: a snapshot of a few KB, like a real status page. */
export function benchConfig() {
  const services = [
    { id: 'eid', name: named('MitID', 'MitID'), owner: 'digst' },
    { id: 'login', name: named('Log ind', 'Login'), owner: 'digst', dependsOn: ['eid'] },
    { id: 'digital-post', name: named('Digital Post', 'Digital Post'), owner: 'digst' },
    { id: 'nemkonto', name: named('NemKonto', 'NemKonto'), owner: 'digst' },
    { id: 'cpr', name: named('CPR-registeret', 'Civil registry'), owner: 'digst' },
    {
      id: 'borger',
      name: named('Borger.dk', 'Citizen portal'),
      owner: 'digst',
      dependsOn: ['login', { service: 'digital-post', optional: true }],
    },
    {
      id: 'tax-return',
      name: named('Selvangivelse', 'Tax return'),
      owner: 'tax',
      dependsOn: ['login', 'cpr', { service: 'digital-post', optional: true }],
      sla: { availabilityTarget: 99.5, maxOutageMinutes: 240, noticePeriodDays: 5 },
      alternatives: [
        {
          kind: 'phone',
          label: named('Ring til Skattestyrelsen', 'Call the Tax Agency'),
          href: 'tel:+4572222828',
          hours: named('Man–fre 9.00–16.00', 'Mon–Fri 9:00–16:00'),
        },
      ],
    },
    {
      id: 'preliminary-income',
      name: named('Forskudsopgørelse', 'Preliminary income assessment'),
      owner: 'tax',
      dependsOn: ['login', 'cpr'],
    },
    {
      id: 'payments',
      name: named('Betalinger', 'Payments'),
      owner: 'tax',
      dependsOn: ['nemkonto', 'login'],
    },
    {
      id: 'permits',
      name: named('Byggetilladelse', 'Building permit'),
      owner: 'tax',
      dependsOn: ['login', { service: 'digital-post', optional: true }],
    },
    {
      id: 'moving',
      name: named('Flytning', 'Change of address'),
      owner: 'tax',
      dependsOn: ['login', 'cpr'],
    },
    {
      id: 'benefits',
      name: named('Ydelser', 'Benefits'),
      owner: 'tax',
      dependsOn: ['login', 'nemkonto', 'cpr'],
    },
  ];
  return {
    defaultLocale: 'da',
    timeZone: 'Europe/Copenhagen',
    authorities: [
      {
        id: 'digst',
        name: named('Digitaliseringsstyrelsen', 'Agency for Digital Government'),
        tokens: [hash(TOKEN)],
      },
      {
        id: 'tax',
        name: named('Skattestyrelsen', 'Danish Tax Agency'),
        tokens: [hash('bench-tax-token-0123456789abcdef')],
      },
    ],
    services,
    cors: { origins: '*' },
    heartbeatSeconds: HEARTBEAT_SECONDS,
    historySize: 1000,
  };
}

/** The body of the i-th published change: the service alternates between degraded and fine. */
export function statusBody(index) {
  return index % 2 === 0
    ? {
        status: 'degraded',
        message: named(
          `Langsom log ind (måling ${index + 1}).`,
          `Slow sign-in (measurement ${index + 1}).`,
        ),
      }
    : { status: 'operational' };
}
