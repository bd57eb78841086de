import type { LaunchOptions } from 'playwright-core'
/** Looks for the Chromium binary now; undefined when none is installed. */
export function findChromium(): string | undefined
/** Path of the Chromium binary when the module loaded. */
export const chromiumPath: string | undefined
/** The message test scripts print when Chromium is missing. */
export const chromiumMissing: string
/** Options for `chromium.launch()` / Playwright's `launchOptions`. */
export const chromiumLaunchOptions: LaunchOptions
