// Runs the bundled suite in Deno with no permissions at all (a static import
// of the bundle needs none). Usage: deno run conformance/runners/deno.mjs
import { runConformance } from '../../artifacts/conformance/suite.js'

const report = await runConformance()
Deno.exit(report.failed > 0 ? 1 : 0)
