// The end-to-end tests drive Debian's Chromium (never a browser a test tool downloads).
// Installs it with apt-get when it is missing and we are root; otherwise says how.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const BIN = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(BIN)) {
  if (process.getuid?.() === 0) {
    console.error(`[fieldkit] ${BIN} missing: installing Debian's chromium with apt-get…`);
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  } else {
    console.error(`[fieldkit] ${BIN} missing: run "sudo apt-get install -y chromium" (or set CHROMIUM_PATH) for the end-to-end tests.`);
    process.exit(1);
  }
}
