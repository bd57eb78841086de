// One runner across a fleet: 3 child processes (Node, and Bun where it runs)
// run the same 100 ms exclusive task on a Redis lease. Every run records
// (pid, fence, start, end) in Redis. Takeover times are printed; their bounds
// are the lease's own (ttlMs, the retry interval) plus a generous margin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bunRuns, spawnChild, type Child, type Runtime } from './children.ts'
import { TASK_INTERVAL_MS as TASK_INTERVAL, type RunRecord } from './lease-instance.ts'
import { connectRedis, REDIS_CLIENTS, startRedis, type NamedRedis, type RedisServer } from './redis-helpers.ts'
import { pause, waitUntil } from './wait-for.ts'

const TTL = 600
const RETRY = TTL / 3
/** Scheduling noise on a shared 2-core machine: never the point of a bound. */
const MARGIN = 700


let server: RedisServer
let bun = false
beforeAll(async () => {
  ;[server, bun] = await Promise.all([startRedis(), bunRuns()])
})
afterAll(() => server?.stop())

const combos = REDIS_CLIENTS.flatMap((client) => (['node', 'bun'] as const).map((runtime) => ({ client, runtime })))

describe.each(combos)('redisLease() across processes: $client on $runtime', ({ client, runtime }) => {
  let redis: NamedRedis
  const children: Child[] = []
  const prefix = `${client}:${runtime}:`
  beforeAll(async () => {
    redis = await connectRedis(client, server.url)
  })
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL')
    await redis?.close()
  })

  const start = (count: number): Child[] => {
    const started = Array.from({ length: count }, () => spawnChild(runtime as Runtime, 'packages/core/test/fleet/children/redis-lease.ts', [server.url, client, prefix, String(TTL)]))
    children.push(...started)
    return started
  }
  const live = () => children.filter((child) => !killed.has(child))
  const killed = new Set<Child>()
  /** Run starts printed by the children: [pid, fence, epoch ms]. */
  const starts = () => live().flatMap((child) => child.lines.filter((line) => line.startsWith('start ')).map((line) => line.split(' ').slice(1).map(Number) as [number, number, number]))
  const holder = (): Child | undefined => {
    const last = starts().sort((a, b) => a[2] - b[2]).at(-1)
    return live().find((child) => child.pid === last?.[0])
  }
  const firstStartAfter = (t: number, not: number) =>
    starts()
      .filter(([pid, , at]) => pid !== not && at >= t)
      .sort((a, b) => a[2] - b[2])[0]
  async function status(child: Child): Promise<Record<string, unknown>> {
    const before = child.lines.length
    child.send('status')
    await waitUntil(() => child.lines.slice(before).some((line) => line.startsWith('status ')), 'status reply')
    return JSON.parse(child.lines.slice(before).find((line) => line.startsWith('status '))!.slice(7)) as Record<string, unknown>
  }
  async function takeover(signal: 'SIGKILL' | 'SIGTERM'): Promise<number> {
    const current = holder()!
    const at = Date.now()
    current.kill(signal)
    killed.add(current)
    await waitUntil(() => firstStartAfter(at, current.pid) !== undefined, `a run elsewhere after ${signal}`)
    if (signal === 'SIGTERM') expect(await current.exited).toEqual({ code: 0, signal: null })
    return firstStartAfter(at, current.pid)![2] - at
  }

  it('runs on one process at a time, with strictly increasing fences, taking over after SIGKILL, SIGTERM and an outage', async (context) => {
    if (runtime === 'bun' && !bun) return context.skip()
    const first = start(3)
    await Promise.all(first.map((child) => child.line(/^ready/)))
    await waitUntil(() => starts().length >= 5, 'a few runs')

    // Status: one 'this', two 'other' naming it (a child that started late may still be on its first attempt).
    let statuses: Record<string, unknown>[] = []
    const agreed = () => {
      const running = statuses.filter((one) => one.role === 'this')
      return running.length === 1 && statuses.filter((one) => one.role === 'other' && one.holder === running[0]!.self && one.fence === running[0]!.fence).length === 2
    }
    await waitUntil(async () => agreed() || ((statuses = await Promise.all(first.map(status))), agreed()), () => `one runner that the others name: ${JSON.stringify(statuses)}`)
    expect(statuses.find((one) => one.role === 'this')!.self).toBe(`${runtime}:${holder()!.pid}`)

    const afterKill = await takeover('SIGKILL')
    console.log(`[${client}/${runtime}] takeover after SIGKILL of the holder: ${afterKill} ms (ttl ${TTL} ms, retry ${RETRY} ms, task interval ${TASK_INTERVAL} ms)`)
    expect(afterKill).toBeLessThanOrEqual(TTL + RETRY + TASK_INTERVAL + MARGIN)

    const afterTerm = await takeover('SIGTERM')
    console.log(`[${client}/${runtime}] takeover after SIGTERM of the holder (released on stop): ${afterTerm} ms`)
    expect(afterTerm).toBeLessThanOrEqual(RETRY + TASK_INTERVAL + MARGIN / 2)

    // Two standbys again, then freeze Redis for longer than the TTL.
    await Promise.all(start(2).map((child) => child.line(/^ready/)))
    const frozenHolder = holder()!
    const abortedBefore = frozenHolder.lines.filter((line) => line.startsWith('aborted ')).length
    server.pause()
    try {
      await pause(TTL * 2.5)
    } finally {
      server.resume()
    }
    await waitUntil(() => frozenHolder.lines.filter((line) => line.startsWith('aborted ')).length > abortedBefore, 'the frozen holder aborted its run')
    expect(frozenHolder.lines.filter((line) => line.startsWith('aborted ')).at(-1)).toBe(`aborted ${frozenHolder.pid} LeaseLostError`)
    const resumedAt = Date.now()
    await waitUntil(() => starts().some(([, , at]) => at > resumedAt), 'runs again after the outage')
    await pause(500)

    for (const child of live()) child.kill('SIGTERM')
    await Promise.all(live().map((child) => child.exited))
    const runs = ((await redis.command('LRANGE', `${prefix}runs`, '0', '-1')) as string[]).map((text) => JSON.parse(text) as RunRecord).sort((a, b) => a.start - b.start)
    let overlaps = 0
    let fenceErrors = 0
    let busyUntil = runs[0]?.end ?? 0
    for (let index = 1; index < runs.length; index++) {
      const [previous, run] = [runs[index - 1]!, runs[index]!]
      if (run.start < busyUntil) overlaps++
      busyUntil = Math.max(busyUntil, run.end)
      if (run.fence! < previous.fence! || (run.pid !== previous.pid && run.fence === previous.fence)) fenceErrors++
    }
    const holders = new Set(runs.map((run) => `${run.pid}/${run.fence}`)).size
    console.log(`[${client}/${runtime}] ${runs.length} runs recorded, ${holders} holdings, ${overlaps} overlaps, ${fenceErrors} fence errors, ${children.flatMap((child) => child.lines).filter((line) => line.endsWith(' LeaseLostError')).length} runs aborted by LeaseLostError`)
    expect(overlaps).toBe(0)
    expect(fenceErrors).toBe(0)
    expect(holders).toBeGreaterThanOrEqual(4)
  })
})
