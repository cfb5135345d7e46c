import { describe, expect, it } from 'vitest';
import { parseRedisAddress, RedisUrlError } from '../../src/store/redis-address.js';

describe('--store URLs', () => {
  it('passes a plain Redis URL to ioredis as it is', () => {
    expect(parseRedisAddress('redis://u:secret@127.0.0.1:6380/2')).toEqual({
      connection: 'redis://u:secret@127.0.0.1:6380/2',
      location: '127.0.0.1:6380/2',
    });
  });

  it('reads a Sentinel URL into sentinels, master name, database and credentials', () => {
    const address = parseRedisAddress(
      'redis+sentinel://feed:p%40ss@10.0.0.1:26379,[::1]:26380/mymaster/3',
    );
    expect(address.connection).toEqual({
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      name: 'mymaster',
      db: 3,
      username: 'feed',
      password: 'p@ss',
    });
    expect(address.location).toBe('sentinel 10.0.0.1:26379,::1:26380, master mymaster/3');
    expect(address.location).not.toContain('p@ss');
  });

  it('uses database 0 and TLS everywhere for rediss+sentinel without a database', () => {
    expect(parseRedisAddress('rediss+sentinel://h:26379/main').connection).toEqual({
      sentinels: [{ host: 'h', port: 26379 }],
      name: 'main',
      db: 0,
      tls: {},
      sentinelTLS: {},
      enableTLSForSentinelMode: true,
    });
  });

  it.each([
    ['redis+sentinel://h:26379', 'the master name is required'],
    ['redis+sentinel://h:26379/', 'the master name is required'],
    ['redis+sentinel://h/mymaster/0', 'sentinel "h" must be host:port'],
    ['redis+sentinel://h:26379,:1/mymaster', 'sentinel ":1" must be host:port'],
    ['redis+sentinel://h:99999/mymaster', 'sentinel "h:99999" must be host:port'],
    ['redis+sentinel://h:26379/mymaster/zero', 'database "zero" must be a whole number'],
    ['redis+sentinel://u:%zz@h:26379/mymaster', 'has a broken %-escape'],
    ['mysql://db', 'it is not a Redis URL'],
  ])('refuses %s: %s', (url, reason) => {
    expect(() => parseRedisAddress(url)).toThrow(RedisUrlError);
    expect(() => parseRedisAddress(url)).toThrow(reason);
  });
});
