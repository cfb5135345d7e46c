#!/usr/bin/env node
// `npm start`: until the demo lands (see README), say what exists and how to use it.
console.log(`Statuskit development checkout

Packages:
  packages/model   @statuskit/model: status document types, validation, effective status, notices

Try:
  npm test              run every test suite (ends with "tests: N passed, M failed")
  npm run lint          ESLint, Prettier and the TypeScript type check
  npm run build         build every package into its dist/ folder
  npm run bench:model   derivation speed on a 2,000-service catalogue

The live demo (feed server and example pages) will start here once it is built.`);
