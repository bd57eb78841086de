/** Importance levels. They order simultaneous runs, shedding, shutdown and hidden-page policy. */
export const TaskLevel = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MEDIUM: 'medium',
  LOW: 'low',
} as const

/** One of `'critical' | 'high' | 'medium' | 'low'`. */
export type TaskLevel = (typeof TaskLevel)[keyof typeof TaskLevel]

/** Levels from most to least important. */
export const LEVELS: readonly TaskLevel[] = ['critical', 'high', 'medium', 'low']

/** 0 for critical … 3 for low: lower runs first. */
export function levelRank(level: TaskLevel): number {
  return LEVELS.indexOf(level)
}

/** True when `value` is one of the four level names. */
export function isTaskLevel(value: unknown): value is TaskLevel {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value)
}
