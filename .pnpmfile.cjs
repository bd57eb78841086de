// pnpm hooks. Only one: what `pnpm pack` and `pnpm publish` write into a
// package's tarball manifest (the package.json on disk stays as it is).
'use strict'

/** Drops the workspace-only `tickwork-source` export condition, which points at TypeScript sources. */
function stripSourceCondition(exports) {
  if (exports === null || typeof exports !== 'object') return exports
  const out = Array.isArray(exports) ? [] : {}
  for (const [key, value] of Object.entries(exports)) {
    if (key === 'tickwork-source') continue
    out[key] = stripSourceCondition(value)
  }
  return out
}

module.exports = {
  hooks: {
    beforePacking(pkg) {
      if (pkg.exports !== undefined) pkg.exports = stripSourceCondition(pkg.exports)
      return pkg
    },
  },
}
