/**
 * The conformance suite: every case file registers its tests on import; a
 * runner calls {@link runConformance} and reports the printed lines.
 * @module
 */
import './cases/lifecycle.ts'
import './cases/failures.ts'
import './cases/sleep.ts'
import './cases/registry.ts'
import './cases/keep-alive.ts'
import './cases/post-task.ts'
import './cases/shutdown.ts'
import './cases/real-clock.ts'

export { runCases as runConformance, runtimeName, type SuiteReport } from './harness.ts'
