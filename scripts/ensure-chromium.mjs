// Installs Debian's Chromium when it is missing (CI machines start without it).
import { execSync } from 'node:child_process'
import { chromiumPath } from './chromium.mjs'

export function ensureChromium() {
  if (chromiumPath) return chromiumPath
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  const sudo = root ? '' : 'sudo '
  console.log('[test-all] chromium missing: installing it with apt-get')
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, { stdio: 'inherit' })
  return '/usr/bin/chromium'
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium()
