import { Task, TaskRegistry, fixedDelay } from '@tickwork/core'
const N = 50000
const heap = () => { gc(); gc(); return process.memoryUsage().heapUsed }
const keep = []
let h = heap()
const step = (label) => { const n = heap(); console.log(label.padEnd(30), ((n - h) / N).toFixed(0), 'B/task'); h = n }
const run = () => {}
for (let i = 0; i < N; i++) keep.push({ name: `task-${i}`, interval: 1000, initialDelay: 5000, run })
step('options objects+names')
const tasks = keep.map((o) => new Task(o)); step('new Task')
const reg = new TaskRegistry(); for (const t of tasks) reg.register(t); step('register')
for (const t of tasks) t.start(); step('start')
const s = []; for (let i = 0; i < N; i++) s.push(fixedDelay(1000)); step('fixedDelay alone')
