// The console session tests, with the Redis store: sessions are then kept in Redis.
import { useRedisForTestFeeds } from '../helpers/redis.js';
import '../console-sessions.test.js';

useRedisForTestFeeds();
