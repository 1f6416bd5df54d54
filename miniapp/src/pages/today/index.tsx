import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import type { SnoozeTaskRequest, TaskView } from '@kejing/shared'
import AgentGate from '../../components/agent-gate'
import DashboardEntries from '../../components/dashboard-entries'
import NoticeEntry from '../../components/notice-entry'
import StateView from '../../components/state-view'
import { callContact } from '../../contacts/call-contact'
import { useAgentSession } from '../../hooks/use-agent-session'
import { useAsync } from '../../hooks/use-async'
import { hasOwnFollowUps } from '../../metrics/entries'
import { formatRelativeTime, stageName } from '../../format'
import { api } from '../../services'
import ReminderSheet from '../../components/reminder-sheet'
import { reminderWhen } from '../../tasks/reminder-form'
import SnoozeSheet from './parts/snooze-sheet'
import { CHANNEL_BUTTONS, dateLine, dueLabel, greeting, isPriority, lastTouchMs, todaySections, touchSummary } from '../../tasks/today-view'
import './index.css'

const openContact = (contactId: string) => Taro.navigateTo({ url: `/agent/contact/index?id=${encodeURIComponent(contactId)}` })

function TaskCard({ task, now, onChanged, onSaved }: { task: TaskView; now: number; onChanged: (taskId: string) => void; onSaved: () => void }) {
  const [busy, setBusy] = useState(false)
  const [showMessage, setShowMessage] = useState(false)
  const [sheet, setSheet] = useState<'snooze' | 'remind' | null>(null)
  const isReminder = task.origin === 'reminder'
  const lastTouch = lastTouchMs(task)
  const summary = touchSummary(task.because)

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

  const snooze = (to: SnoozeTaskRequest, label: string) => {
    setSheet(null)
    void run(() => api().taskSnooze(task.taskId, to), `已推迟到${label}`)
  }

  const copyMessage = async (hint: string) => {
    await Taro.setClipboardData({ data: task.suggestedMessage })
    void Taro.showToast({ title: hint, icon: 'none' })
  }

  // No phone yet (a reader who never left one): the contact page is where the agent adds it.
  const callFromTask = async () => {
    try {
      if ((await callContact(task.contactId)) === 'no_phone') {
        void Taro.showToast({ title: '还没有客户的手机号，先去完善资料', icon: 'none' })
        void openContact(task.contactId)
      }
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message || '无法拨打', icon: 'none' })
    }
  }

  // The task's own action first: call, copy the message or the invitation, or just note it.
  const primary = () => {
    switch (task.channel) {
      case 'call':
        return callFromTask()
      case 'message':
        return copyMessage('话术已复制，去微信发给客户')
      case 'meet':
        return copyMessage('邀约已复制，去微信约时间')
      case 'observe':
        return run(() => api().taskDone(task.taskId), '已记下')
    }
  }

  return (
    <View className='task' id={`task-${task.taskId}`}>
      <View className='task__head'>
        <View className='task__who' onClick={() => openContact(task.contactId)}>
          <Text className='task__contact'>{task.contactName}</Text>
          {isReminder ? <Text className='task__reminder'>提醒</Text> : null}
          {isPriority(task) && !isReminder ? <Text className='task__hot'>优先</Text> : null}
        </View>
        <Text className='task__when'>{lastTouch === null ? '' : formatRelativeTime(new Date(lastTouch).toISOString(), now)}</Text>
      </View>
      {summary ? <View className='task__summary'>{summary}</View> : null}
      <View className='task__action'>{task.action}</View>
      <View className='task__meta'>
        <Text className={Date.parse(task.dueAt) < now ? 'task__due task__due--late' : 'task__due'}>{dueLabel(task.dueAt, now)}</Text>
        <Text> · {stageName(task.stage)}</Text>
        {isReminder ? <Text className='task__set'> · 我设的提醒 {reminderWhen(task, now)}</Text> : null}
      </View>
      {isReminder && task.note && task.note !== task.action ? <View className='task__note'>{task.note}</View> : null}
      {task.channel === 'observe' || isReminder ? null : (
        <View className='task__message' onClick={() => setShowMessage(!showMessage)}>
          <Text className='task__message-label'>建议话术 {showMessage ? '▲' : '▼'}</Text>
          <View className={showMessage ? 'task__message-text' : 'task__message-text task__message-text--short'}>{task.suggestedMessage}</View>
        </View>
      )}
      <View className='task__buttons'>
        <Button className='task__btn btn-primary' disabled={busy} onClick={() => void primary()}>
          {CHANNEL_BUTTONS[task.channel]}
        </Button>
        {task.channel === 'observe' ? null : (
          <Button className='task__btn task__btn--done btn-plain' disabled={busy} onClick={() => run(() => api().taskDone(task.taskId), '已完成')}>
            完成
          </Button>
        )}
        <Button className='task__btn task__btn--small btn-ghost task__snooze' disabled={busy} onClick={() => setSheet('snooze')}>
          稍后
        </Button>
        <Button className='task__btn task__btn--small btn-ghost' disabled={busy} onClick={() => run(() => api().taskDismiss(task.taskId), '已忽略')}>
          忽略
        </Button>
      </View>
      {sheet === 'snooze' ? (
        <SnoozeSheet contactName={task.contactName} isReminder={isReminder} onSnooze={snooze} onRemind={() => setSheet('remind')} onClose={() => setSheet(null)} />
      ) : null}
      {sheet === 'remind' ? (
        <ReminderSheet
          contactId={task.contactId}
          contactName={task.contactName}
          onClose={() => setSheet(null)}
          onSaved={() => {
            setSheet(null)
            onSaved()
          }}
        />
      ) : null}
    </View>
  )
}

function TodayList({ name }: { name: string | null }) {
  const tasks = useAsync(() => api().tasksToday(), [])
  useDidShow(() => void tasks.reload())
  usePullDownRefresh(() => {
    void tasks.reload().finally(() => Taro.stopPullDownRefresh())
  })
  const now = Date.now()
  const sections = todaySections(tasks.data ?? [], now)
  const count = sections.reduce((n, s) => n + s.tasks.length, 0)
  return (
    <View className='page today'>
      <View className='today__head'>
        <View className='today__head-row'>
          <View className='today__greeting'>{greeting(now)}{name ? `，${name}` : ''}</View>
          <NoticeEntry />
        </View>
        <View className='today__date'>
          {dateLine(now)} · <Text className='today__count'>{count}</Text> 位客户待跟进
        </View>
      </View>
      <StateView
        loading={tasks.loading && !tasks.data}
        error={tasks.error}
        empty={!!tasks.data && count === 0}
        emptyText='今天的跟进都完成了，去内容库分享一篇吧'
        onRetry={tasks.reload}
      />
      {sections.map((section) => (
        <View key={section.key} className={`today__section today__section--${section.key}`}>
          <View className='today__section-title'>
            {section.title}
            <Text className='today__section-count'>{section.tasks.length}</Text>
          </View>
          {section.tasks.map((t) => (
            <TaskCard key={t.taskId} task={t} now={now} onChanged={(id) => tasks.setData((tasks.data ?? []).filter((x) => x.taskId !== id))} onSaved={() => void tasks.reload()} />
          ))}
        </View>
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
      {hasOwnFollowUps(me) ? <TodayList name={me.agent?.name ?? null} /> : <View className='section muted'>跟进清单供营销员使用；请从上方进入机构看板。</View>}
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
