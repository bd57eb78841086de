/**
 * Child process for "two processes share one file store" (Node): refreshes a
 * cached value kept in a file store `count` times, each refresh writing the
 * shared file, and reads the file back raw after every write. Prints
 * `torn <i> <start of the text>` for a file that does not parse, and
 * `done <writer> <refreshes> <torn>` at the end.
 * Usage: node child-file-store-writer.js <directory> <writer> <count>
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createCachedValue } from '@tickwork/core/cache'
// The file store is its own entry point (@tickwork/core/file-store); imported from source here.
import { fileStore } from '../../packages/core/src/stores/file-store.ts'

const [directory = '', writer = 'w', countText = '1000'] = process.argv.slice(2)
const count = Number(countText)
// Large enough that a write is many syscalls: a non-atomic store would be caught mid-write.
const pad = 'x'.repeat(64 * 1024)
let i = 0
const shared = createCachedValue({
  source: () => ({ writer, i, pad }),
  expire: 0,
  store: fileStore({ directory }),
  key: 'shared',
})

let torn = 0
for (; i < count; i++) {
  await shared.get()
  const text = await readFile(join(directory, 'shared.json'), 'utf8')
  try {
    const envelope = JSON.parse(text) as { storedAt: number; value: string }
    const value = JSON.parse(envelope.value) as { writer: string; i: number; pad: string }
    if (typeof value.writer !== 'string' || value.pad.length !== pad.length) throw new Error('wrong shape')
  } catch {
    torn++
    console.log(`torn ${i} ${JSON.stringify(text.slice(0, 60))}`)
  }
}
console.log(`done ${writer} ${count} ${torn}`)
