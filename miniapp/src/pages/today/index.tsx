import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { SnoozeTaskRequest, TaskView } from '@kejing/shared'
import AgentGate from '../../components/agent-gate'
import DashboardEntries from '../../components/dashboard-entries'
import NoticeEntry from '../../components/notice-entry'
import StateView from '../../components/state-view'
import { callContact } from '../../contacts/call-contact'
import { useAgentSession } from '../../hooks/use-agent-session'
import { useMorningList } from '../../hooks/use-morning-list'
import { hasOwnFollowUps } from '../../metrics/entries'
import { formatRelativeTime, stageName } from '../../format'
import { api } from '../../services'
import ReminderSheet from '../../components/reminder-sheet'
import { reminderWhen } from '../../tasks/reminder-form'
import SnoozeSheet from './parts/snooze-sheet'
import { CHANNEL_BUTTONS, dateLine, dueLabel, greeting, isPriority, lastTouchMs, todaySections, touchSummary } from '../../tasks/today-view'
import { useBusyAction } from '../../hooks/use-busy-action'
import './index.css'

const openContact = (contactId: string) => Taro.navigateTo({ url: `/agent/contact/index?id=${encodeURIComponent(contactId)}` })

function TaskCard({ task, now, onChanged, onSaved }: { task: TaskView; now: number; onChanged: (taskId: string) => void; onSaved: () => void }) {
  const { busy, run } = useBusyAction()
  const [showMessage, setShowMessage] = useState(false)
  const [sheet, setSheet] = useState<'snooze' | 'remind' | null>(null)
  const isReminder = task.origin === 'reminder'
  const lastTouch = lastTouchMs(task)
  const summary = touchSummary(task.because)

  const act = async (fn: () => Promise<unknown>, done: string) => {
    await run(async () => {
      await fn()
      void Taro.showToast({ title: done, icon: 'success' })
      onChanged(task.taskId)
    }, '没能完成，请稍后再试')
  }

  const snooze = (to: SnoozeTaskRequest, label: string) => {
    setSheet(null)
    void act(() => api().taskSnooze(task.taskId, to), `已推迟到${label}`)
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
        return act(() => api().taskDone(task.taskId), '已记下')
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
          <Button className='task__btn task__btn--done btn-plain' disabled={busy} onClick={() => act(() => api().taskDone(task.taskId), '已完成')}>
            完成
          </Button>
        )}
        <Button className='task__btn task__btn--small btn-ghost task__snooze' disabled={busy} onClick={() => setSheet('snooze')}>
          稍后
        </Button>
        <Button className='task__btn task__btn--small btn-ghost' disabled={busy} onClick={() => act(() => api().taskDismiss(task.taskId), '已忽略')}>
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

/** One screenful and a little more: the rest of the ranking comes as the agent scrolls. */
const PAGE_SIZE = 20

function TodayList({ name }: { name: string | null }) {
  const list = useMorningList(PAGE_SIZE)
  useDidShow(() => void list.reload())
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  const loadMore = () => {
    list.more().catch((e: Error) => void Taro.showToast({ title: e.message || '加载失败', icon: 'none' }))
  }
  useReachBottom(loadMore)
  const now = Date.now()
  const sections = list.asOfMs === null ? [] : todaySections(list.tasks, list.asOfMs)
  const left = list.total - list.tasks.length
  return (
    <View className='page today'>
      <View className='today__head'>
        <View className='today__head-row'>
          <View className='today__greeting'>{greeting(now)}{name ? `，${name}` : ''}</View>
          <NoticeEntry />
        </View>
        <View className='today__date'>
          {dateLine(now)} · <Text className='today__count'>{list.total}</Text> 位客户待跟进
        </View>
      </View>
      <StateView
        loading={list.loading && list.asOfMs === null}
        error={list.tasks.length === 0 ? list.error : null}
        empty={list.asOfMs !== null && !list.loading && list.total === 0}
        emptyText='今天的跟进都完成了，去内容库分享一篇吧'
        onRetry={list.reload}
      />
      {sections.map((section) => (
        <View key={section.key} className={`today__section today__section--${section.key}`}>
          <View className='today__section-title'>
            {section.title}
            <Text className='today__section-count'>{list.sections[section.key]}</Text>
          </View>
          {section.tasks.map((t) => (
            <TaskCard key={t.taskId} task={t} now={now} onChanged={list.remove} onSaved={() => void list.reload()} />
          ))}
        </View>
      ))}
      {list.hasMore ? (
        <View className='today__more-wrap'>
          <Button id='today-more' className='btn-ghost today__more' loading={list.loadingMore} disabled={list.loadingMore} onClick={loadMore}>
            {left > 0 ? `还有 ${left} 位客户 · 加载更多` : '加载更多'}
          </Button>
        </View>
      ) : list.total > PAGE_SIZE ? (
        <View className='today__end'>已显示全部 {list.total} 位</View>
      ) : null}
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
