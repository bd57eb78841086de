// Moved to scripts/servers/free-port.mjs (shared by every test that starts a server).
export { freePort } from '../../scripts/servers/free-port.mjs'
