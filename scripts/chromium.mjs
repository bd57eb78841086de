// Launch options for Debian's Chromium, shared by every Playwright run here.
// `playwright install` cannot download browsers on these machines, so we
// always drive the system binary.
import { existsSync } from 'node:fs'

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean)

/** Path of the Chromium binary, or undefined when none is installed. */
export const chromiumPath = candidates.find((path) => existsSync(path))

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
