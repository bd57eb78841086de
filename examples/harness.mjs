// A tiny test runner for example programs: named checks, run in order, a
// failure does not stop the rest; ends with the `N passed, N failed` line.
const tests = []

/** Registers a check. */
export function test(name, fn) {
  tests.push({ name, fn })
}

/** Throws with `message` unless `condition` holds. */
export function assert(condition, message) {
  if (!condition) throw new Error(message)
}

/** Throws unless the JSON forms of `actual` and `expected` are equal. */
export function assertEqual(actual, expected, what) {
  const a = JSON.stringify(actual)
  const b = JSON.stringify(expected)
  if (a !== b) throw new Error(`${what}: expected ${b}, got ${a}`)
}

/** Calls `probe` until it returns a truthy value, or throws after `timeoutMs` (a liveness deadline, not a measurement). */
export async function eventually(probe, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  let last
  for (;;) {
    last = await probe()
    if (last) return last
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Runs every check; returns the counts after printing them. */
export async function run(title) {
  let passed = 0
  let failed = 0
  console.log(`# ${title}`)
  for (const { name, fn } of tests) {
    try {
      await fn()
      passed++
      console.log(`  ok   ${name}`)
    } catch (error) {
      failed++
      console.log(`  FAIL ${name}\n       ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  console.log(`${passed} passed, ${failed} failed`)
  return { passed, failed }
}
