// The one Workers runtime module this example imports, typed as far as it uses it.
declare module 'cloudflare:workers' {
  export abstract class DurableObject<Env = unknown> {
    protected ctx: { storage: import('@tickwork/core/cloudflare').AlarmStorageLike }
    protected env: Env
    constructor(ctx: unknown, env: Env)
  }
}
