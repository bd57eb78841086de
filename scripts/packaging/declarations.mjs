// Text transforms the build and the packaging suite share.

// A relative module specifier ending in .ts/.tsx/.mts/.cts, in `from '…'`,
// `import('…')` or a bare `import '…'`.
const RELATIVE_TS = /((?:\bfrom|\bimport)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*?)\.([mc]?ts|tsx)\2/g
const JS_EXTENSION = { ts: 'js', tsx: 'js', mts: 'mjs', cts: 'cjs' }

/** Rewrites relative `.ts`/`.tsx` specifiers of a declaration file to `.js` (`.mts` → `.mjs`, `.cts` → `.cjs`). */
export function rewriteSpecifiers(text) {
  return text.replace(RELATIVE_TS, (_match, lead, quote, path, ext) => `${lead}${quote}${path}.${JS_EXTENSION[ext]}${quote}`)
}

/** The relative `.ts`/`.tsx` specifiers still in a declaration file. */
export function tsSpecifiers(text) {
  return [...text.matchAll(RELATIVE_TS)].map((match) => `${match[3]}.${match[4]}`)
}

/** Whether a module's first statement is the `'use client'` directive (comments and a hashbang may come before it). */
export function startsWithUseClient(text) {
  const body = text.replace(/^#!.*\n/, '').replace(/^(?:\s+|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '')
  return /^(['"])use client\1/.test(body)
}
