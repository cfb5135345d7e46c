#!/usr/bin/env node
// Writes a realistic synthetic web server access log for trying and benchmarking
// `statuskit-feed plan-window`: a daily and weekly rhythm, one known quiet window each week, one
// unusually busy day (a deadline rush the median must shrug off), crawlers that ignore the
// rhythm, and a sprinkling of malformed lines. Seeded, so the same options give the same bytes.
//
//   node scripts/generate-access-log.mjs --size 1g --out /tmp/access.log
//   node scripts/generate-access-log.mjs --size 20m --weeks 3 --format mixed --out /tmp/a.log.gz
//
// Options: --size (100m; k/m/g), --out FILE (.gz compresses, or --gzip), --weeks (4), --start
// (2026-02-02, local midnight), --seed (1), --time-zone (Europe/Copenhagen: offsets in the lines
// follow its daylight saving), --format combined|clf|json|mixed (combined), --bots (0.03 of
// lines), --malformed (0.0002 of lines), --quiet "Sun 02-06" (the known quiet window).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';

const USAGE = `Usage: node scripts/generate-access-log.mjs --out FILE [options]

Writes a synthetic, seeded web server access log for trying statuskit-feed plan-window.

  --out FILE          where to write (a name ending in .gz is gzip-compressed)
  --size 100m         how much log text (k, m or g)
  --gzip              compress whatever the name
  --weeks 4           weeks of traffic
  --start 2026-02-02  first day (local midnight)
  --seed 1            the same seed and options give the same bytes
  --time-zone Europe/Copenhagen
                      the zone of the offsets in the lines (follows its daylight saving)
  --format combined   combined, clf, json or mixed
  --bots 0.03         share of lines from crawlers
  --malformed 0.0002  share of malformed lines
  --quiet "Sun 02-06" the known quiet window each week
  --help              this text
`;

function fail(message) {
  process.stderr.write(`generate-access-log: ${message}\n\n${USAGE}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      size: { type: 'string', default: '100m' },
      out: { type: 'string' },
      gzip: { type: 'boolean', default: false },
      weeks: { type: 'string', default: '4' },
      start: { type: 'string', default: '2026-02-02' },
      seed: { type: 'string', default: '1' },
      'time-zone': { type: 'string', default: 'Europe/Copenhagen' },
      format: { type: 'string', default: 'combined' },
      bots: { type: 'string', default: '0.03' },
      malformed: { type: 'string', default: '0.0002' },
      quiet: { type: 'string', default: 'Sun 02-06' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  fail(error.message);
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const sizeMatch = /^(\d+(?:\.\d+)?)([kmg]?)b?$/i.exec(values.size);
if (!sizeMatch) fail(`--size ${values.size} is not a size like 500m or 1g`);
const targetBytes =
  Number(sizeMatch[1]) * { '': 1, k: 1e3, m: 1e6, g: 1e9 }[sizeMatch[2].toLowerCase()];
if (!values.out) fail('name the output with --out FILE');
const weeks = Number(values.weeks);
if (!Number.isInteger(weeks) || weeks < 1) fail('--weeks must be a whole number ≥ 1');
const format = values.format;
if (!['combined', 'clf', 'json', 'mixed'].includes(format)) fail(`--format ${format} is unknown`);
const botShare = Number(values.bots);
const malformedShare = Number(values.malformed);
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const quietMatch = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+(\d{1,2})-(\d{1,2})$/i.exec(values.quiet);
if (!quietMatch) fail('--quiet must look like "Sun 02-06"');
const quiet = {
  weekday: DAYS.findIndex((day) => day.toLowerCase() === quietMatch[1].toLowerCase()),
  from: Number(quietMatch[2]),
  to: Number(quietMatch[3]),
};

// mulberry32: small, fast, good enough for synthetic traffic.
let seed = Number(values.seed) >>> 0;
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

// Wall clock in the log's zone, from Intl, cached per hour (offsets change on the hour).
const zone = values['time-zone'];
const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: zone,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  weekday: 'short',
});
const offsetCache = new Map();
function localHour(instant) {
  const hour = Math.floor(instant / 3_600_000);
  let entry = offsetCache.get(hour);
  if (!entry) {
    const fields = {};
    for (const part of parts.formatToParts(hour * 3_600_000)) fields[part.type] = part.value;
    const wall = Date.UTC(
      Number(fields.year),
      Number(fields.month) - 1,
      Number(fields.day),
      Number(fields.hour),
      Number(fields.minute),
    );
    entry = {
      offset: wall - hour * 3_600_000,
      weekday: DAYS.indexOf(fields.weekday),
      hour: Number(fields.hour),
    };
    offsetCache.set(hour, entry);
  }
  return entry;
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n) => (n < 10 ? `0${n}` : `${n}`);
function offsetText(offset, colon) {
  const minutes = Math.round(offset / 60_000);
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${colon ? ':' : ''}${pad(abs % 60)}`;
}
function clfTime(instant) {
  const { offset } = localHour(instant);
  const d = new Date(instant + offset);
  return (
    `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${offsetText(offset, false)}`
  );
}
function isoTime(instant) {
  const { offset } = localHour(instant);
  const d = new Date(instant + offset);
  return `${d.toISOString().slice(0, 19)}${offsetText(offset, true)}`;
}

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  'Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
];
const BOTS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
  'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)',
  'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)',
];
const PATHS = [
  '/',
  '/selvbetjening',
  '/selvbetjening/login',
  '/selvangivelse/start',
  '/selvangivelse/oplysninger?step=2',
  '/selvangivelse/oplysninger?step=3',
  '/selvangivelse/kvittering',
  '/api/session',
  '/api/forms/42/draft',
  '/assets/app.4f2a9c.js',
  '/assets/app.9b1e77.css',
  '/assets/logo.svg',
  '/favicon.ico',
  '/hjaelp/kontakt',
  '/hjaelp/frister',
  '/borger/skat/fradrag',
];
const REFERERS = [
  '-',
  'https://www.borger.dk/',
  'https://www.google.com/',
  'https://skat.example.dk/',
];

// Share of the day's peak per local hour, and per weekday.
const DAY_CURVE = [
  0.06, 0.04, 0.03, 0.025, 0.03, 0.06, 0.15, 0.35, 0.7, 0.95, 1.0, 0.95, 0.85, 0.9, 0.95, 0.9, 0.8,
  0.65, 0.55, 0.6, 0.65, 0.5, 0.3, 0.15,
];
const WEEKDAY = [1.0, 0.97, 0.95, 0.93, 0.85, 0.5, 0.55];
const QUIET_FACTOR = 0.08;

function weight(weekday, hour) {
  const inQuiet = weekday === quiet.weekday && hour >= quiet.from && hour < quiet.to;
  return DAY_CURVE[hour] * WEEKDAY[weekday] * (inQuiet ? QUIET_FACTOR : 1);
}

function visitorAddress(id) {
  let h = Math.imul(id ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return `${1 + ((h >>> 24) % 223)}.${(h >>> 16) & 255}.${(h >>> 8) & 255}.${h & 255}`;
}

const STATUSES = [200, 200, 200, 200, 200, 200, 200, 304, 304, 302, 404, 500];
function line(instant, address, agent, kind) {
  const path = pick(PATHS);
  const method = path.startsWith('/api/') && random() < 0.3 ? 'POST' : 'GET';
  const status = pick(STATUSES);
  const size = status === 304 ? 0 : 200 + Math.floor(random() * 40_000);
  if (kind === 'json') {
    return JSON.stringify({
      time: isoTime(instant),
      remote_addr: address,
      request: `${method} ${path} HTTP/1.1`,
      status,
      body_bytes_sent: size,
      http_referer: pick(REFERERS),
      http_user_agent: agent,
    });
  }
  const common = `${address} - - [${clfTime(instant)}] "${method} ${path} HTTP/1.1" ${status} ${size}`;
  return kind === 'clf' ? common : `${common} "${pick(REFERERS)}" "${agent}"`;
}

function malformedLine(instant) {
  const good = line(instant, visitorAddress(7), pick(BROWSERS), 'combined');
  switch (Math.floor(random() * 4)) {
    case 0:
      return good.slice(0, 10 + Math.floor(random() * 40)); // cut off mid-write
    case 1:
      return good.replace(/\[\d\d\/\w{3}/, '[41/Foo'); // impossible date
    case 2:
      return '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003'; // TLS on the HTTP port
    default:
      return '{"time": "2026-02-03T10:00:00+01:00", "remote_addr": '; // torn JSON line
  }
}

function kindFor() {
  if (format !== 'mixed') return format;
  const r = random();
  return r < 0.6 ? 'combined' : r < 0.8 ? 'clf' : 'json';
}

// Local midnight of --start in the zone.
const [sy, sm, sd] = values.start.split('-').map(Number);
let start = Date.UTC(sy, sm - 1, sd);
start -= localHour(start).offset;
const hours = weeks * 7 * 24;

// Calibrate the average line length, then spread the lines over the hours by weight.
let sampleBytes = 0;
for (let i = 0; i < 2000; i += 1) {
  sampleBytes += line(start, visitorAddress(i), pick(BROWSERS), kindFor()).length + 1;
}
const totalLines = Math.max(hours, Math.round(targetBytes / (sampleBytes / 2000)));
let totalWeight = 0;
for (let h = 0; h < hours; h += 1) {
  const { weekday, hour } = localHour(start + h * 3_600_000);
  totalWeight += weight(weekday, hour);
}
const busyDay = 7 + Math.floor(random() * (weeks * 7 - 7)); // a deadline rush, not in week 1

const gzip = values.gzip || values.out.endsWith('.gz');
const file = createWriteStream(values.out);
const out = gzip ? createGzip({ level: 6 }) : file;
if (gzip) out.pipe(file);
let written = 0;
let lines = 0;
let pending = [];
let pendingBytes = 0;
async function emit(text) {
  pending.push(text);
  pendingBytes += text.length + 1;
  if (pendingBytes > 1 << 20) await flush();
}
async function flush() {
  if (pending.length === 0) return;
  const chunk = `${pending.join('\n')}\n`;
  written += Buffer.byteLength(chunk);
  pending = [];
  pendingBytes = 0;
  if (!out.write(chunk)) await once(out, 'drain');
}

const botLinesPerHour = (totalLines * botShare) / hours;
for (let h = 0; h < hours; h += 1) {
  const hourStart = start + h * 3_600_000;
  const { weekday, hour } = localHour(hourStart);
  const day = Math.floor(h / 24);
  const rush = day === busyDay && hour >= 8 && hour < 22 ? 3 : 1;
  const noise = 0.9 + random() * 0.2;
  const people = Math.round(
    ((totalLines * (1 - botShare) * weight(weekday, hour)) / totalWeight) * noise * rush,
  );
  const bots = Math.round(botLinesPerHour * (0.5 + random()));
  const count = people + bots;
  const offsets = new Float64Array(count);
  for (let i = 0; i < count; i += 1) offsets[i] = random() * 3_600_000;
  offsets.sort();
  // About eight requests per visitor in an hour; visitors of the same day recur.
  const visitors = Math.max(1, Math.round(people / 8));
  let botLeft = bots;
  for (let i = 0; i < count; i += 1) {
    const instant = hourStart + Math.floor(offsets[i]);
    if (random() < malformedShare) {
      await emit(malformedLine(instant));
    } else if (botLeft > 0 && random() < botLeft / (count - i)) {
      botLeft -= 1;
      await emit(
        line(
          instant,
          `66.249.${Math.floor(random() * 90)}.${Math.floor(random() * 255)}`,
          pick(BOTS),
          kindFor(),
        ),
      );
    } else {
      const id = day * 1_000_003 + Math.floor(random() * visitors) * 7 + (hour % 3);
      await emit(line(instant, visitorAddress(id), BROWSERS[id % BROWSERS.length], kindFor()));
    }
    lines += 1;
  }
}
await flush();
out.end();
await once(file, 'close');
process.stderr.write(
  `wrote ${lines.toLocaleString('en-US')} lines (${(written / 1e6).toFixed(1)} MB of log text${gzip ? ', gzipped' : ''}) ` +
    `to ${values.out}: ${weeks} weeks from ${values.start} (${zone}), ` +
    `known quiet window ${DAYS[quiet.weekday]} ${pad(quiet.from)}:00–${pad(quiet.to)}:00, ` +
    `busy day ${new Date(start + busyDay * 86_400_000 + 12 * 3_600_000).toISOString().slice(0, 10)}\n`,
);
