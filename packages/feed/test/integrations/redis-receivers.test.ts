// The Alertmanager and Grafana receiver tests, run with the Redis store (one redis-server).
import { useRedisForTestFeeds } from '../helpers/redis.js';
import './alertmanager.test.js';
import './grafana.test.js';

useRedisForTestFeeds();
