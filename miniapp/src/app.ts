import type { PropsWithChildren } from 'react'
import { useDidHide, useDidShow, useLaunch } from '@tarojs/taro'
import { tracker, watchNetwork } from './services'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    watchNetwork()
  })
  // Events saved on an earlier run go out when the app comes back, and before it may be killed.
  useDidShow(() => {
    void tracker().flush()
  })
  useDidHide(() => {
    void tracker().flush()
  })
  return children
}

export default App
