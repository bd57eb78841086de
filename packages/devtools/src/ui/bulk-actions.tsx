import type { ReactElement } from 'react'
import { useEffect, useRef, useState } from 'react'
import { BULK_ACTIONS, BULK_LABELS, bulkTargets, CONFIRM_ABOVE, type BulkAction } from '../store/bulk.ts'
import { plural } from '../format.ts'
import { Icon } from './icons.tsx'
import { Popover } from './popover.tsx'
import { useSourceState, useSourceStore } from './source-context.tsx'

function Menu({ names, close }: { names: readonly string[]; close: () => void }): ReactElement {
  const { control } = useSourceStore()
  // Re-read each frame while the menu is open, so the numbers on the buttons stay true.
  const tasks = useSourceState((state) => state.tasks)
  const [asking, setAsking] = useState<BulkAction | null>(null)
  const confirmRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (asking !== null) confirmRef.current?.focus()
  }, [asking])

  const apply = (action: BulkAction): void => {
    for (const name of bulkTargets(names, tasks, action)) control(name, action)
    close()
  }
  if (asking !== null) {
    const count = bulkTargets(names, tasks, asking).length
    return (
      <div className="confirm" role="alertdialog" aria-label={`Confirm ${BULK_LABELS[asking].toLowerCase()}`}>
        <p>
          {BULK_LABELS[asking]} {plural(count, 'task')} that the filters show?
        </p>
        <div className="confirm-btns">
          <button ref={confirmRef} type="button" className={`btn btn-${asking}`} onClick={() => apply(asking)}>
            {BULK_LABELS[asking]} {count}
          </button>
          <button type="button" className="btn" onClick={() => setAsking(null)}>
            Cancel
          </button>
        </div>
      </div>
    )
  }
  return (
    <>
      <h4>{plural(names.length, 'shown task')}</h4>
      <div className="bulk-list">
        {BULK_ACTIONS.map((action) => {
          const count = bulkTargets(names, tasks, action).length
          return (
            <button
              key={action}
              type="button"
              className={`btn btn-${action}`}
              disabled={count === 0}
              aria-label={`${BULK_LABELS[action]} ${plural(count, 'shown task')}`}
              onClick={() => (count > CONFIRM_ABOVE ? setAsking(action) : apply(action))}
            >
              {BULK_LABELS[action]} <span className="count">{count}</span>
            </button>
          )
        })}
      </div>
    </>
  )
}

/**
 * Pause, resume, stop or run every task the filters show (those each action
 * applies to), asking first above {@link CONFIRM_ABOVE} tasks.
 */
export function BulkActions({ names }: { names: readonly string[] }): ReactElement | null {
  const { source } = useSourceStore()
  if (source.controllable === false) return null
  return (
    <Popover
      label={`Bulk actions on the ${plural(names.length, 'shown task')}`}
      title="Pause, resume, stop or run every task the filters show"
      buttonClassName="btn btn-bulk"
      className="pop-bulk"
      button={
        <>
          Bulk <Icon name="chevronDown" size={10} />
        </>
      }
    >
      {(close) => <Menu names={names} close={close} />}
    </Popover>
  )
}
