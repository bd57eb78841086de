// The app for real: Deno.cron calls in every minute, state in Deno KV.
// deno run --unstable-cron --unstable-kv --config examples/deno/deno.json examples/deno/main.ts
import { createApp } from './app.ts'

const kv = await Deno.openKv(Deno.env.get('TICKWORK_KV_PATH'))
createApp(kv)
console.log('[tickwork] Deno.cron "tickwork" registered: every minute')
