// Counts how often the process arms a timer or a hop (setTimeout,
// setImmediate, MessageChannel posts), so the bench can show that a
// contender reaches its punctuality without a polling loop. Installed on
// import; the kernel reads these globals at call time, as STYLE.md asks.
export const wakes = { count: 0 }

for (const name of ['setTimeout', 'setImmediate']) {
  const original = globalThis[name]
  if (typeof original !== 'function') continue
  globalThis[name] = function counted(...args) {
    wakes.count++
    return original.apply(this, args)
  }
}
const post = globalThis.MessagePort?.prototype.postMessage
if (typeof post === 'function') {
  globalThis.MessagePort.prototype.postMessage = function counted(...args) {
    wakes.count++
    return post.apply(this, args)
  }
}
