import { systemClock, type Clock } from '@tickwork/core'
import { createContext, useContext, type Provider } from 'react'
import { animationFrame, type FrameScheduler } from '../store/frame.ts'
import { createTicker, type Ticker } from '../store/ticker.ts'
import { defaultStorage, type UiStorage } from '../store/ui-state.ts'

/**
 * What the panel takes from its surroundings, injectable so tests drive
 * frames and time by hand.
 */
export interface DevtoolsEnvironment {
  /** Waits for the next frame. Default: `requestAnimationFrame` (16 ms timeout where missing). */
  scheduleFrame?: FrameScheduler
  /** Timers of the countdown ticker. Default: the system clock. */
  clock?: Pick<Clock, 'setTimeout' | 'clearTimeout'>
  /** Where UI state persists. Default: `localStorage` when usable; `null` disables persistence. */
  storage?: UiStorage | null
}

/** The environment with every default filled in. */
export interface ResolvedEnvironment {
  scheduleFrame: FrameScheduler
  ticker: Ticker
  storage: UiStorage | undefined
}

/** Fills in the defaults of an environment. */
export function resolveEnvironment(env: DevtoolsEnvironment | undefined): ResolvedEnvironment {
  return {
    scheduleFrame: env?.scheduleFrame ?? animationFrame,
    ticker: createTicker(env?.clock ?? systemClock),
    storage: env?.storage === null ? undefined : (env?.storage ?? defaultStorage()),
  }
}

const EnvironmentContext = createContext<ResolvedEnvironment | null>(null)

/** Provides the environment to the panel's components. */
export const EnvironmentProvider: Provider<ResolvedEnvironment | null> = EnvironmentContext.Provider

/** The panel's environment; throws outside a panel, where there is none. */
export function useEnvironment(): ResolvedEnvironment {
  const env = useContext(EnvironmentContext)
  if (env === null) throw new Error('[tickwork] devtools: component rendered outside <TickworkDevtoolsPanel>')
  return env
}
