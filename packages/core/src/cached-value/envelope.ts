import { describeValue } from '../errors.ts'

/** The text a store holds: the serialised value, when it was produced (epoch ms), and its schema version. */
export interface Envelope {
  storedAt: number
  value: string
  version?: string | number
}

/** Reads stored text; throws (meaning "regenerate") on anything but an envelope of `version`. */
export function parseEnvelope(text: unknown, version: string | number | undefined): Envelope {
  if (typeof text !== 'string') throw new TypeError(`stored entry is not text: ${describeValue(text)}`)
  const parsed = JSON.parse(text) as Partial<Envelope> | null
  if (parsed === null || typeof parsed !== 'object' || typeof parsed.storedAt !== 'number' || typeof parsed.value !== 'string') {
    throw new TypeError(`stored entry has an unknown shape: ${describeValue(text)}`)
  }
  if (parsed.version !== version) throw new TypeError(`stored entry has schema version ${describeValue(parsed.version)}, expected ${describeValue(version)}`)
  return parsed as Envelope
}

/** The text to store; `version` is left out when there is none, so unversioned entries keep their old shape. */
export function envelopeText(storedAt: number, value: string, version: string | number | undefined): string {
  const envelope: Envelope = version === undefined ? { storedAt, value } : { storedAt, value, version }
  return JSON.stringify(envelope)
}
