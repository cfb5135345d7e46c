// A feed process for tests that need a real, killable process whose probes check quickly:
// `statuskit-feed serve` keeps the config's 10 s floor, so this starts the built feed with the
// test-only `probeTiming` option. Usage: node probing-feed.mjs CONFIG DATA_DIR OPTIONS_JSON
import { readFileSync } from 'node:fs';
import { jsonLogger, parseConfig, startFeedServer } from '../../dist/index.js';

const [configPath, dataDir, optionsJson] = process.argv.slice(2);
const config = parseConfig(readFileSync(configPath, 'utf8'), configPath);
const feed = await startFeedServer({
  config,
  dataDir,
  port: 0,
  log: jsonLogger(),
  ...JSON.parse(optionsJson ?? '{}'),
});
process.once('SIGTERM', () => {
  void feed.close().then(() => process.exit(0));
});
