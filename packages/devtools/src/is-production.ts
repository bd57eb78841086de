/**
 * True in production builds. Both tests are written the way bundlers fold
 * them to a constant: Vite replaces `import.meta.env.PROD`; Vite, webpack,
 * Next.js, esbuild and Rollup setups replace `process.env.NODE_ENV`. A
 * constant `true` lets the minifier drop the panel from the bundle.
 */
export const isProduction: boolean =
  (import.meta as ImportMeta & { env?: { PROD?: boolean } }).env?.PROD === true ||
  // @ts-ignore -- `process` may be undeclared (browser builds); the typeof guard keeps browsers without a bundler safe.
  (typeof process !== 'undefined' && process.env.NODE_ENV === 'production')
