// A wall clock that a test can step: `Date.now()` and `new Date()` (no
// arguments) read the real time plus an offset. Installed on globalThis on
// import, before the contenders' modules run, so every library sees the step.
const RealDate = globalThis.Date
let offsetMs = 0

class SteppedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offsetMs)
    else super(...args)
  }

  static now() {
    return RealDate.now() + offsetMs
  }
}

globalThis.Date = SteppedDate

/** Moves the wall clock by `ms` (negative: back in time), as NTP or a user would. */
export function stepWallClock(ms) {
  offsetMs += ms
}
