#!/usr/bin/env node
// `npm start`: until the demo lands (see README), say what exists and how to use it.
console.log(`Statuskit development checkout

Packages:
  packages/model   @statuskit/model: status document types, validation, effective status, notices
  packages/feed    @statuskit/feed: the SSE status feed, admin API, journal and statuskit-feed CLI

Try:
  npm test              run every test suite (ends with "tests: N passed, M failed")
  npm run lint          ESLint, Prettier and the TypeScript type check
  npm run build         build every package into its dist/ folder
  npm run bench:model   derivation speed on a 2,000-service catalogue

Run a feed by hand:
  npm run build
  node packages/feed/bin/statuskit-feed.js hash-token          (put the sha256 line in a config)
  node packages/feed/bin/statuskit-feed.js serve --config statuskit.config.json --data ./data

The live demo (feed with demo data and example pages) will start here once it is built.`);
