import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's chromium (`apt-get install -y chromium`; .ci/run installs it). Playwright downloads no browser here. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where failing browser tests leave their screenshots (git-ignored); the path is printed. */
export const SCREENSHOTS = resolve(__dirname, '..', '..', '..', 'test-results', 'browser');

/**
 * Headless Chromium, started once per test file. The flags keep it off the network (this
 * machine's network is closed: background services would only fail) and work as root in CI.
 * A missing browser fails the suite with the command that installs it, never skips it.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`browser tests need Debian's Chromium at ${CHROMIUM}: run "apt-get install -y chromium" (.ci/run does before npm test)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Runs `steps` on `page`; if they fail, saves a full-page screenshot named after the test and
 * names the file in the error, then fails as they did.
 */
export async function screenshotOnFailure(page: Page, name: string, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = resolve(SCREENSHOTS, `${name.replace(/[^A-Za-z0-9-]+/g, '-')}.png`);
    const saved = await page.screenshot({ path: file, fullPage: true }).then(
      () => `screenshot: ${file}`,
      (failure: Error) => `no screenshot (${failure.message})`,
    );
    process.stderr.write(`browser test "${name}" failed; ${saved}\n`);
    if (error instanceof Error) error.message += `\n${saved}`;
    throw error;
  }
}
