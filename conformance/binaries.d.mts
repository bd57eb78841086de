/** Paths of the runtime binaries (the real ones, not the `.bin` shims, so signals reach them). */
export const binaries: { node: string; deno: string; bun: string; workerd: string }
