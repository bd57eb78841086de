// The workerd module worker: each request runs the suite and answers with its
// printed lines; the status is 200 only when every test passed.
import { runConformance } from './suite.js'

export default {
  async fetch() {
    const report = await runConformance(() => {})
    return new Response(`${report.lines.join('\n')}\n`, { status: report.failed > 0 ? 500 : 200 })
  },
}
