// Runs the bundled suite in this Node process. Usage: node conformance/runners/node.mjs <suite.js>
// The same file runs under Bun (`bun conformance/runners/node.mjs …`).
import { pathToFileURL } from 'node:url'

const { runConformance } = await import(pathToFileURL(process.argv[2]).href)
const report = await runConformance()
process.exitCode = report.failed > 0 ? 1 : 0
