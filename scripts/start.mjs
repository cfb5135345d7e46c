#!/usr/bin/env node
// `npm start`: until the demo lands (see README), say what exists and how to use it.
console.log(`Statuskit development checkout

Packages:
  packages/model    @statuskit/model: status document types, validation, effective status, notices
  packages/client   @statuskit/client: one resilient live connection per browser, shared by tabs
  packages/elements @statuskit/elements: the web components and the script-tag embed
  packages/feed     @statuskit/feed: the SSE status feed, admin API, journal and statuskit-feed CLI

Try:
  npm test              run every test suite (ends with "tests: N passed, M failed")
  npm run lint          ESLint, Prettier and the TypeScript type check
  npm run build         build every package into its dist/ folder
  npm run bench:model   derivation speed on a 2,000-service catalogue

Run a feed by hand:
  npm run build
  node packages/feed/bin/statuskit-feed.js hash-token          (put the sha256 line in a config)
  node packages/feed/bin/statuskit-feed.js serve --config statuskit.config.json --data ./data

A work-in-progress demo (feed with a demo catalogue and an operator console):
  npm run build && node scripts/demo/run-demo.mjs

The full demo (service page, playground, operator console) will start here once it is built.`);
