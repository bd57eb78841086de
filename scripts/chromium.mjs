// Launch options for Debian's Chromium, shared by every Playwright run here.
// `playwright install` cannot download browsers on these machines, so we
// always drive the system binary.
import { existsSync } from 'node:fs'

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean)

/** Looks for the Chromium binary now; undefined when none is installed. */
export function findChromium() {
  return candidates.find((path) => existsSync(path))
}

/** Path of the Chromium binary when this module loaded, or undefined when none is installed. */
export const chromiumPath = findChromium()

/** The message every test script prints when Chromium is missing. */
export const chromiumMissing = 'Chromium is not installed (looked for /usr/bin/chromium, /usr/bin/chromium-browser, $CHROMIUM_PATH). Run `npx -y pnpm@10 setup:system` first.'

/** Options for `chromium.launch()` / Playwright's `launchOptions`. */
export const chromiumLaunchOptions = {
  executablePath: chromiumPath,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
}
