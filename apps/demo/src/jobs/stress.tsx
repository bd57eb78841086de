import { useEffect, useRef, useState, type ReactNode } from 'react'
import { createTask, getDefaultRegistry, type Task } from '@tickwork/core'
import { count } from '../format.ts'

/** How many light tasks the stress button spawns. */
export const STRESS_COUNT = 1000
const PREFIX = 'stress-'

/**
 * Stress mode for the devtools panel: 1,000 light tasks at 1–5 s intervals
 * across the four levels. They are plain `createTask` tasks (not one
 * component each), registered in the default registry.
 */
export function StressControls(): ReactNode {
  const tasks = useRef<Task[]>([])
  const [runs, setRuns] = useState(0)
  const runsRef = useRef(0)
  const [spawned, setSpawned] = useState(0)
  const stopCounting = useRef<(() => void) | undefined>(undefined)
  useEffect(() => () => stopCounting.current?.(), [])

  const spawn = () => {
    const registry = getDefaultRegistry()
    const levels = ['critical', 'high', 'medium', 'low'] as const
    for (let i = 0; i < STRESS_COUNT; i++) {
      const name = `${PREFIX}${String(i).padStart(4, '0')}`
      if (registry.get(name) !== undefined) continue
      const task = createTask({
        name,
        interval: 1000 + Math.floor(Math.random() * 4000),
        initialDelay: Math.floor(Math.random() * 1000),
        level: levels[i % levels.length] ?? 'low',
        historySize: 10,
        run: () => {
          runsRef.current++
          return { message: 'ok', extra: { n: i } }
        },
      })
      task.start()
      tasks.current.push(task)
    }
    // Run counts are read once a second, not from 1,000 tasks' events.
    const timer = setInterval(() => setRuns(runsRef.current), 1000)
    stopCounting.current?.()
    stopCounting.current = () => clearInterval(timer)
    setSpawned(tasks.current.length)
  }

  const remove = () => {
    const registry = getDefaultRegistry()
    for (const task of tasks.current) registry.unregister(task.name)
    tasks.current = []
    stopCounting.current?.()
    stopCounting.current = undefined
    setRuns(runsRef.current)
    setSpawned(0)
  }

  return (
    <section className="card stress" aria-label="stress mode">
      <header className="card-head">
        <span className="level level-stress">all levels</span>
        <h2>Stress mode</h2>
      </header>
      <p className="desc">Spawns {count(STRESS_COUNT)} light tasks at 1–5 s intervals across the four levels: open the panel and watch it keep up.</p>
      <div className="output" data-testid="stress-count">
        <div>
          <span className="big">{count(spawned)}</span> stress tasks
        </div>
        <div className="muted">{count(runs)} runs so far</div>
      </div>
      <footer className="card-foot">
        <button type="button" className="primary" onClick={spawn} disabled={spawned >= STRESS_COUNT}>
          Spawn {count(STRESS_COUNT)} tasks
        </button>
        <button type="button" onClick={remove} disabled={spawned === 0}>
          Remove them
        </button>
      </footer>
    </section>
  )
}
