import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { failureText } from '../api/client'

/** How an action's failure is told: words for the toast when the error has none, or a handler that returns the toast's words (null: no toast). */
export type FailureHandling = string | ((error: unknown) => string | null)

export interface BusyAction {
  /** True while the action runs: the button shows its spinner. */
  busy: boolean
  /** Runs `work` unless an action of this hook is still running (a second tap submits nothing twice); a failure ends in a toast. */
  run: (work: () => Promise<void>, failed: FailureHandling) => Promise<void>
}

/**
 * The action behind a button that waits on the server (save, submit, merge, bind …), with the busy
 * flag, the double-tap guard and the failure toast every such button needs.
 */
export function useBusyAction(): BusyAction {
  const [busy, setBusy] = useState(false)
  // A ref, not the state: two taps in one render both see `busy` false.
  const running = useRef(false)
  const run = useCallback(async (work: () => Promise<void>, failed: FailureHandling) => {
    if (running.current) return
    running.current = true
    setBusy(true)
    try {
      await work()
    } catch (e) {
      const text = typeof failed === 'string' ? failureText(e, failed) : failed(e)
      if (text) void Taro.showToast({ title: text, icon: 'none' })
    } finally {
      running.current = false
      setBusy(false)
    }
  }, [])
  return { busy, run }
}
