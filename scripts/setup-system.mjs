// `pnpm setup:system`: installs the system programs the test suites drive
// (Chromium for Playwright, redis-server and PostgreSQL for the fleet tests)
// with apt-get, when they are missing. Test scripts never install anything:
// they check and fail with a message that points here.
//
// Idempotent: a program already present is skipped, and nothing runs when all
// are. Runs apt-get directly as root, through sudo otherwise.
import { execSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { findChromium } from './chromium.mjs'

/** A Debian PostgreSQL server binary, e.g. /usr/lib/postgresql/15/bin/postgres. */
function postgresPath() {
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return undefined
  const found = readdirSync(base)
    .map((version) => `${base}/${version}/bin/postgres`)
    .find((path) => existsSync(path))
  return found
}

function onPath(command) {
  try {
    return execSync(`command -v ${command}`, { encoding: 'utf8', shell: '/bin/sh' }).trim() || undefined
  } catch {
    return undefined
  }
}

const wanted = [
  { name: 'Chromium', apt: 'chromium', find: findChromium },
  { name: 'redis-server', apt: 'redis-server', find: () => onPath('redis-server') },
  { name: 'PostgreSQL', apt: 'postgresql', find: postgresPath },
]

const missing = []
for (const program of wanted) {
  const path = program.find()
  if (path) console.log(`[setup:system] ${program.name}: present (${path}), skipped`)
  else missing.push(program)
}

if (missing.length === 0) {
  console.log('[setup:system] nothing to install')
  process.exit(0)
}

const packages = missing.map((program) => program.apt).join(' ')
const root = typeof process.getuid === 'function' && process.getuid() === 0
const sudo = root ? '' : 'sudo '
const banner = '='.repeat(72)
console.log(`\n${banner}\n[setup:system] INSTALLING SYSTEM PACKAGES WITH APT-GET: ${packages}\n[setup:system] (${root ? 'as root' : 'through sudo'}; this changes the machine, not just this checkout)\n${banner}\n`)
try {
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages}`, {
    stdio: 'inherit',
    shell: '/bin/sh',
  })
} catch (error) {
  console.error(`[setup:system] apt-get failed (${error.status ?? error.message}). Install these yourself: ${packages}`)
  process.exit(1)
}

const stillMissing = missing.filter((program) => !program.find())
if (stillMissing.length > 0) {
  console.error(`[setup:system] still missing after apt-get: ${stillMissing.map((program) => program.name).join(', ')}`)
  process.exit(1)
}
console.log(`[setup:system] installed: ${packages}`)
