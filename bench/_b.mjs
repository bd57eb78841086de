import { bundleFile } from './lib/bundle.mjs'
await bundleFile('_m.mjs', 'm', { platform: 'node' })
