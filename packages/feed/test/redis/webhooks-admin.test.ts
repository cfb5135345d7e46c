// The webhook tests, run with the Redis store (one redis-server for the file).
import { useRedisForTestFeeds } from '../helpers/redis.js';
import '../webhooks-admin.test.js';

useRedisForTestFeeds();
