import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readUsage, usageTotals, type UsageLog } from '../src/planning/access-log.js';
import { HyperLogLog, mix32 } from '../src/planning/hyperloglog.js';
import { buildProfile, hourVisitors } from '../src/planning/usage-profile.js';
import { TimeZone } from '../src/planning/zoned-time.js';

const CPH = new TimeZone('Europe/Copenhagen');
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Version/18.1 Safari/604.1';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

const clf = (ip: string, time: string): string =>
  `${ip} - - [${time}] "GET /selvangivelse HTTP/1.1" 200 5120`;
const combined = (ip: string, time: string, agent: string): string =>
  `${ip} - frank [${time}] "GET /api/session?x=\\"y\\" HTTP/1.1" 200 233 "https://www.borger.dk/" "${agent}"`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'statuskit-access-log-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function usageOf(
  name: string,
  content: string | Buffer,
  jsonField?: string,
): Promise<UsageLog> {
  const file = join(dir, name);
  await writeFile(file, content);
  return readUsage([file], { timeZone: CPH, jsonField });
}

function hourAt(
  usage: UsageLog,
  iso: string,
): { requests: number; bots: number; visitors: number } {
  const hour = usage.hours.get(CPH.startOfHour(Date.parse(iso)));
  return hour
    ? { requests: hour.requests, bots: hour.bots, visitors: hourVisitors(hour) }
    : { requests: 0, bots: 0, visitors: 0 };
}

describe('access log parsing', () => {
  it('reads Common, Combined and JSON Lines formats mixed in one file', async () => {
    const usage = await usageOf(
      'mixed.log',
      [
        clf('192.0.2.1', '10/Mar/2026:13:55:36 +0100'),
        combined('192.0.2.2', '10/Mar/2026:13:56:01 +0100', FIREFOX),
        JSON.stringify({
          time: '2026-03-10T13:57:00+01:00',
          remote_addr: '192.0.2.3',
          http_user_agent: SAFARI,
        }),
        combined('192.0.2.2', '10/Mar/2026:13:58:01 +0100', FIREFOX),
        '',
      ].join('\n'),
    );
    const totals = usageTotals(usage);
    expect(totals.formats).toEqual({ clf: 1, combined: 2, json: 1 });
    expect(totals.malformed).toBe(0);
    // The same address and user agent twice is one visitor.
    expect(hourAt(usage, '2026-03-10T13:30:00+01:00')).toEqual({
      requests: 4,
      bots: 0,
      visitors: 3,
    });
  });

  it('converts the offset of each line to an instant, then to the planning time zone', async () => {
    const usage = await usageOf(
      'zones.log',
      [
        clf('192.0.2.1', '10/Mar/2026:07:30:00 -0500'), // 13:30 in Copenhagen
        clf('192.0.2.2', '10/Mar/2026:12:30:00 +0000'), // 13:30
        clf('192.0.2.3', '10/Mar/2026:18:00:00 +0530'), // 13:30
        JSON.stringify({ time: Date.parse('2026-03-10T12:45:00Z') / 1000, ip: '192.0.2.4' }),
        JSON.stringify({ time: Date.parse('2026-03-10T12:50:00Z'), ip: '192.0.2.5' }),
      ].join('\n'),
    );
    expect(hourAt(usage, '2026-03-10T13:00:00+01:00').requests).toBe(5);
    expect(usage.hours.size).toBe(1);
  });

  it('counts malformed lines with the reason and carries on', async () => {
    const usage = await usageOf(
      'broken.log',
      [
        clf('192.0.2.1', '10/Mar/2026:13:55:36 +0100'),
        '192.0.2.1 - - [10/Mar/2026:13:55',
        clf('192.0.2.1', '41/Foo/2026:13:55:36 +0100'),
        clf('192.0.2.1', '29/Feb/2026:13:55:36 +0100'),
        '\u0016\u0003\u0001\u0002\u0000',
        '{"time": "2026-03-10T13:00:00+01:00", "remote_addr": ',
        JSON.stringify({ time: '2026-03-10T13:00:00', ip: '192.0.2.9' }),
        JSON.stringify({ ip: '192.0.2.9' }),
        `${clf('192.0.2.8', '10/Mar/2026:13:59:59 +0100')} "https://cut.example/`,
        combined('192.0.2.7', '10/Mar/2026:13:59:00 +0100', FIREFOX),
      ].join('\n'),
    );
    const totals = usageTotals(usage);
    expect(totals.lines).toBe(10);
    expect(totals.malformed).toBe(8);
    expect(totals.requests).toBe(2);
    expect(usage.malformedExamples.map((example) => [example.line, example.reason])).toEqual([
      [2, 'not a Common/Combined Log Format line'],
      [3, 'bad timestamp'],
      [4, 'bad timestamp'],
      [5, 'not a Common/Combined Log Format line'],
      [6, 'not valid JSON (cut off?)'],
      [7, 'time has no offset (Z or ±hh:mm), so its instant is unknown'],
      [8, 'no time field (time, timestamp, @timestamp, ts, date)'],
      [9, 'cut off in the referer or user agent'],
    ]);
  });

  it('counts lines dated before 1990 or after tomorrow as malformed, without stretching the span', async () => {
    const hourly = (hour: number): string =>
      clf('192.0.2.1', `10/Mar/2026:${String(hour).padStart(2, '0')}:30:00 +0100`);
    const usage = await usageOf(
      'implausible.log',
      [
        hourly(10),
        '{"time": 1e300, "ip": "192.0.2.2"}',
        hourly(11),
        clf('192.0.2.3', '01/Jan/0001:00:00:00 +0000'),
        JSON.stringify({ time: '0001-01-01T00:00:00Z', ip: '192.0.2.4' }),
        hourly(12),
        JSON.stringify({ time: 0, ip: '192.0.2.5' }),
        clf('192.0.2.6', '31/Dec/1989:23:59:59 +0000'),
        JSON.stringify({ time: '2999-01-01T00:00:00Z', ip: '192.0.2.7' }),
        hourly(13),
      ].join('\n'),
    );
    const totals = usageTotals(usage);
    expect(totals.lines).toBe(10);
    expect(totals.malformed).toBe(6);
    expect(totals.requests).toBe(4);
    expect(usage.malformedExamples.map((example) => [example.line, example.reason])).toEqual(
      [2, 4, 5, 7, 8, 9].map((line) => [line, 'time is not between 1990-01-01 and a day from now']),
    );
    expect(usage.files[0]).toMatchObject({
      first: Date.parse('2026-03-10T10:30:00+01:00'),
      last: Date.parse('2026-03-10T13:30:00+01:00'),
    });
    // The medians come from the hours the good lines span, not from centuries of empty ones.
    const profile = buildProfile(usage);
    expect(profile.observedHours).toBe(2);
    expect(Math.max(...profile.hours.map((hour) => hour.requests))).toBe(1);
  });

  it('leaves crawlers out of requests and visitors, but counts them', async () => {
    const usage = await usageOf(
      'bots.log',
      [
        combined('66.249.66.1', '10/Mar/2026:03:10:00 +0100', GOOGLEBOT),
        combined(
          '40.77.167.1',
          '10/Mar/2026:03:11:00 +0100',
          'Mozilla/5.0 (compatible; bingbot/2.0)',
        ),
        combined('5.255.253.1', '10/Mar/2026:03:12:00 +0100', 'Baiduspider-render/2.0'),
        combined('192.0.2.1', '10/Mar/2026:03:13:00 +0100', FIREFOX),
        JSON.stringify({ time: '2026-03-10T03:14:00+01:00', ip: '66.249.66.2', ua: GOOGLEBOT }),
      ].join('\n'),
    );
    expect(hourAt(usage, '2026-03-10T03:00:00+01:00')).toEqual({
      requests: 1,
      bots: 4,
      visitors: 1,
    });
  });

  it('reads gzip transparently, also several members back to back (logrotate + cat)', async () => {
    const first = [clf('192.0.2.1', '10/Mar/2026:13:00:00 +0100'), ''].join('\n');
    const second = [combined('192.0.2.2', '10/Mar/2026:13:10:00 +0100', FIREFOX), ''].join('\n');
    const usage = await usageOf(
      'rotated.log.1',
      Buffer.concat([gzipSync(first), gzipSync(second)]),
    );
    expect(usage.files[0]?.gzip).toBe(true);
    expect(hourAt(usage, '2026-03-10T13:00:00+01:00')).toEqual({
      requests: 2,
      bots: 0,
      visitors: 2,
    });
  });

  it('reports a truncated .gz and keeps what it read', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) =>
      clf(`192.0.2.${i % 250}`, `10/Mar/2026:13:${String(i % 60).padStart(2, '0')}:00 +0100`),
    ).join('\n');
    const packed = gzipSync(lines);
    const usage = await usageOf('cut.log.gz', packed.subarray(0, Math.floor(packed.length * 0.6)));
    expect(usage.files[0]?.problem).toMatch(/truncated/);
    expect(usageTotals(usage).requests).toBeGreaterThan(0);
  });

  it('joins lines split across read chunks', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i += 1) {
      const minute = String(i % 60).padStart(2, '0');
      lines.push(
        combined(`10.0.${(i >> 8) & 255}.${i & 255}`, `10/Mar/2026:14:${minute}:00 +0100`, FIREFOX),
      );
    }
    const usage = await usageOf('big.log', `${lines.join('\r\n')}\r\n`);
    const totals = usageTotals(usage);
    expect(totals.bytes).toBeGreaterThan(2 * 1024 * 1024);
    expect(totals.malformed).toBe(0);
    expect(totals.requests).toBe(30_000);
    const visitors = hourAt(usage, '2026-03-10T14:00:00+01:00').visitors;
    expect(Math.abs(visitors - 30_000) / 30_000).toBeLessThan(0.06);
  });

  it('takes the time from a named (nested) JSON field', async () => {
    const usage = await usageOf(
      'nested.jsonl',
      `${JSON.stringify({ request: { at: '2026-03-10T09:15:00.123+0100' }, client_ip: '192.0.2.1' })}\n`,
      'request.at',
    );
    expect(hourAt(usage, '2026-03-10T09:00:00+01:00').requests).toBe(1);
  });
});

describe('HyperLogLog', () => {
  it('counts small sets exactly enough and large ones within a few percent', () => {
    const small = new HyperLogLog();
    for (let i = 0; i < 20; i += 1) small.add(mix32(i * 2654435761));
    expect(small.estimate()).toBe(20);
    const large = new HyperLogLog();
    for (let i = 0; i < 200_000; i += 1) large.add(mix32(i));
    expect(Math.abs(large.estimate() - 200_000) / 200_000).toBeLessThan(0.05);
  });
});
