import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { TaskView } from '@kejing/shared'
import AgentGate from '../../components/agent-gate'
import DashboardEntries from '../../components/dashboard-entries'
import StateView from '../../components/state-view'
import { useAgentSession } from '../../hooks/use-agent-session'
import { useAsync } from '../../hooks/use-async'
import { hasOwnFollowUps } from '../../metrics/entries'
import { cellName, formatRelativeTime, stageName, touchpointName } from '../../format'
import { api } from '../../services'
import { SNOOZE_OPTIONS, snoozeUntil } from '../../tasks/snooze'
import './index.css'

function TaskCard({ task, onChanged }: { task: TaskView; onChanged: (taskId: string) => void }) {
  const [busy, setBusy] = useState(false)
  const now = Date.now()

  const run = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true)
    try {
      await fn()
      void Taro.showToast({ title: done, icon: 'success' })
      onChanged(task.taskId)
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const snooze = async () => {
    try {
      const { tapIndex } = await Taro.showActionSheet({ itemList: [...SNOOZE_OPTIONS] })
      const until = snoozeUntil(SNOOZE_OPTIONS[tapIndex], Date.now())
      await run(() => api().taskSnooze(task.taskId, until), '已推迟')
    } catch {
      // cancelled
    }
  }

  return (
    <View className='section task' id={`task-${task.taskId}`}>
      <View className='row row--between'>
        <Text
          className='task__contact'
          onClick={() => Taro.navigateTo({ url: `/agent/contact/index?id=${encodeURIComponent(task.contactId)}` })}
        >
          {task.contactName}
        </Text>
        <Text className='muted'>{formatRelativeTime(task.dueAt, now) || ''}</Text>
      </View>
      <View className='chips task__chips'>
        <Text className='chip'>{stageName(task.stage)}</Text>
        <Text className='chip'>{cellName(task.cell)}</Text>
        {task.priority >= 2 ? <Text className='chip chip--hot'>优先</Text> : null}
      </View>
      <View className='task__action'>{task.action}</View>
      {task.because.length > 0 ? (
        <View className='task__because'>
          {task.because.map((b, i) => (
            <View key={i} className='muted'>
              · {formatRelativeTime(b.at, now)} {touchpointName(b.type)}
              {b.contentTitle ? `《${b.contentTitle}》` : ''}
            </View>
          ))}
        </View>
      ) : null}
      <View className='task__message'>
        <Text className='task__message-label'>建议话术</Text>
        <View>{task.suggestedMessage}</View>
        <Text
          className='task__copy'
          onClick={() => Taro.setClipboardData({ data: task.suggestedMessage })}
        >
          复制话术
        </Text>
      </View>
      <View className='actions'>
        <Button className='actions__btn btn-primary' size='mini' disabled={busy} onClick={() => run(() => api().taskDone(task.taskId), '已完成')}>
          完成
        </Button>
        <Button className='actions__btn btn-plain' size='mini' disabled={busy} onClick={snooze}>
          稍后
        </Button>
        <Button className='actions__btn btn-ghost' size='mini' disabled={busy} onClick={() => run(() => api().taskDismiss(task.taskId), '已忽略')}>
          忽略
        </Button>
      </View>
    </View>
  )
}

function TodayList() {
  const tasks = useAsync(() => api().tasksToday(), [])
  useDidShow(() => void tasks.reload())
  usePullDownRefresh(() => {
    void tasks.reload().finally(() => Taro.stopPullDownRefresh())
  })
  const open = (tasks.data ?? []).filter((t) => t.status === 'open')
  return (
    <View className='page today'>
      <View className='today__head'>
        <Text className='today__count'>{open.length}</Text>
        <Text> 位客户待跟进</Text>
      </View>
      <StateView
        loading={tasks.loading && !tasks.data}
        error={tasks.error}
        empty={!!tasks.data && open.length === 0}
        emptyText='今天的跟进都完成了，去内容库分享一篇吧'
        onRetry={tasks.reload}
      />
      {open.map((t) => (
        <TaskCard key={t.taskId} task={t} onChanged={(id) => tasks.setData((tasks.data ?? []).filter((x) => x.taskId !== id))} />
      ))}
    </View>
  )
}

function TodayTab() {
  const { session } = useAgentSession()
  const me = session?.user
  if (!me) return null
  return (
    <View>
      <DashboardEntries me={me} compact />
      {hasOwnFollowUps(me) ? <TodayList /> : <View className='section muted'>跟进清单供营销员使用；请从上方进入机构看板。</View>}
    </View>
  )
}

export default function TodayPage() {
  return (
    <AgentGate>
      <TodayTab />
    </AgentGate>
  )
}
