// `./tasks` of the examples: the app's registry of task definitions.
import { TaskRegistry } from '@tickwork/core'

export const registry: TaskRegistry = new TaskRegistry()
