// The Statuspage-compatible API tests, run with the Redis store (one redis-server for the file).
import { useRedisForTestFeeds } from '../helpers/redis.js';
import '../statuspage.test.js';

useRedisForTestFeeds();
