// Type-checks every fenced ts/tsx block of README.md, CONTRIBUTING.md and
// docs/*.md, so the examples cannot drift from the API. Each block becomes one
// module of a scratch project (artifacts/doc-blocks/) that resolves
// @tickwork/* to the packages' sources through the `tickwork-source`
// condition, plus scripts/doc-blocks/prelude.d.ts: the app functions the
// examples call (`syncInbox`, `flushMetrics`, …) and the Deno, Bun and
// Workers globals they use. A block whose first line holds `// @noCheck` is a
// deliberate fragment and is skipped.
// Ends with `N passed, N failed` (one per block).
//
// Usage: node scripts/check-doc-blocks.mjs [--tsc]
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const scratch = join(root, 'artifacts/doc-blocks')
const FENCE = /^```(ts|tsx|typescript)\s*$/
const NO_CHECK = /\/\/\s*@noCheck\b/

const sources = ['README.md', 'CONTRIBUTING.md', ...readdirSync(join(root, 'docs')).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`)]
  .filter((file) => existsSync(join(root, file)))

/** The ts/tsx blocks of one markdown file, with the line each starts on. */
function blocksOf(file) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n')
  const blocks = []
  let open
  for (const [index, line] of lines.entries()) {
    if (open === undefined) {
      const match = FENCE.exec(line)
      if (match) open = { file, line: index + 2, lang: match[1] === 'tsx' ? 'tsx' : 'ts', body: [] }
    } else if (/^```\s*$/.test(line)) {
      blocks.push({ ...open, code: open.body.join('\n') })
      open = undefined
    } else {
      open.body.push(line)
    }
  }
  return blocks
}

rmSync(scratch, { recursive: true, force: true })
mkdirSync(scratch, { recursive: true })
// Modules the examples import by relative path (`./tasks`), next to the blocks.
const helpers = join(root, 'scripts/doc-blocks')
for (const file of readdirSync(helpers).filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))) {
  writeFileSync(join(scratch, file), readFileSync(join(helpers, file)))
}

const checked = []
let skipped = 0
for (const file of sources) {
  for (const block of blocksOf(file)) {
    if (NO_CHECK.test(block.code.split('\n')[0] ?? '')) {
      skipped++
      continue
    }
    const name = `${file.replace(/[/.]/g, '_')}_L${block.line}.${block.lang}`
    // `export {}` makes each block a module, so top-level names never clash across blocks.
    writeFileSync(join(scratch, name), `${block.code}\nexport {}\n`)
    checked.push({ ...block, name })
  }
}

// Every public entry of every package, from its exports map's source condition.
const paths = {}
for (const pkg of readdirSync(join(root, 'packages'))) {
  const manifestPath = join(root, 'packages', pkg, 'package.json')
  if (!existsSync(manifestPath)) continue
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    const source = typeof target === 'object' ? target['tickwork-source'] : undefined
    if (typeof source !== 'string') continue
    paths[`${manifest.name}${subpath.slice(1)}`] = [relative(scratch, join(root, 'packages', pkg, source))]
  }
}

writeFileSync(
  join(scratch, 'tsconfig.json'),
  `${JSON.stringify(
    {
      extends: relative(scratch, join(root, 'tsconfig.base.json')),
      compilerOptions: { noEmit: true, types: ['node'], paths, noUnusedLocals: false },
      include: ['*.ts', '*.tsx', relative(scratch, join(root, 'scripts/doc-blocks/prelude.d.ts'))],
    },
    null,
    2,
  )}\n`,
)

const compiler = process.argv.includes('--tsc') ? 'node_modules/.bin/tsc' : 'node_modules/.bin/tsgo'
const result = spawnSync(join(root, compiler), ['-p', join(scratch, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8' })
const output = `${result.stdout}${result.stderr}`

// Diagnostics name the scratch file and line: map them back to the markdown.
const failures = new Map()
const other = []
for (const line of output.split('\n')) {
  const match = /^(?:artifacts\/doc-blocks\/)?([^/(]+\.tsx?)\((\d+),(\d+)\): (.*)$/.exec(line.replace(`${scratch}/`, ''))
  const block = match && checked.find((candidate) => candidate.name === match[1])
  if (block) {
    const list = failures.get(block) ?? []
    list.push(`${block.file}:${block.line + Number(match[2]) - 1}:${match[3]} ${match[4]}`)
    failures.set(block, list)
  } else if (line.trim() !== '') {
    other.push(line)
  }
}
for (const [block, messages] of failures) {
  console.log(`✗ ${block.file}:${block.line} (${block.lang})`)
  for (const message of messages) console.log(`    ${message}`)
}
if (other.length > 0) console.log(other.join('\n'))
const failed = failures.size + (failures.size === 0 && result.status !== 0 ? 1 : 0)
console.log(`doc blocks: ${checked.length} checked, ${skipped} marked // @noCheck, in ${sources.length} files`)
console.log(`${checked.length - failures.size} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
