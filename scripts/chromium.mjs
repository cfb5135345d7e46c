// Debian's Chromium, the only browser every test, screenshot and benchmark here runs: where it
// is and how it is started (headless, no sandbox in containers, nothing phoning home).
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
