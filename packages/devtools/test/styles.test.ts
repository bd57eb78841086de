import { describe, expect, it } from 'vitest'
import { PANEL_CSS } from '../src/ui/styles.ts'

// happy-dom has no layout, so this cannot be seen by rendering: without a definite
// height on the shadow root's mount, an embedded panel grows to the full length of
// its list, the virtualiser sees every row as visible and mounts all of them
// (1,000 rows: 280 ms frames in bench/devtools). The Chromium bench reports `shownRows`.
describe('PANEL_CSS', () => {
  it('gives the embedded panel a definite height, so the list scrolls and stays virtualised', () => {
    expect(PANEL_CSS).toMatch(/:host\(\[data-mode="embed"\]\) \.tw-root \{ height: 100%; \}/)
    expect(PANEL_CSS).toMatch(/\.panel \{[^}]*height: 100%/)
    expect(PANEL_CSS).toMatch(/\.list-scroll \{[^}]*min-height: 0;[^}]*overflow: auto/)
  })
})
