// The live-window-ids tests, run with the Redis store (one redis-server for the file).
import { useRedisForTestFeeds } from '../helpers/redis.js';
import '../live-window-ids.test.js';

useRedisForTestFeeds();
