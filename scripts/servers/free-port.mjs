// The test servers' free ports come from the one helper every suite uses.
export { freePort } from '../free-port.mjs'
