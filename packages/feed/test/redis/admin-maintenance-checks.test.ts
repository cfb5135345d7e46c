// The admin-maintenance-checks tests, run with the Redis store (one redis-server for the file).
import { useRedisForTestFeeds } from '../helpers/redis.js';
import '../admin-maintenance-checks.test.js';

useRedisForTestFeeds();
