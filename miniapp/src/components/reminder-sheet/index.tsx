import { useState } from 'react'
import { Button, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { TaskView } from '@kejing/shared'
import { REMINDER_NOTE_MAX } from '@kejing/shared'
import BottomSheet from '../bottom-sheet'
import { api } from '../../services'
import { checkReminder, newReminderDraft, quickTimes, REMINDER_CHANNELS, reminderDateRange, reminderRequest, REPEAT_CHOICES, type ReminderDraft } from '../../tasks/reminder-form'
import { failureText } from '../../api/client'
import { useBusyAction } from '../../hooks/use-busy-action'
import './index.css'

/** 设提醒: when (quick times or a date and time), how often, how, and what to do; for one contact. */
export default function ReminderSheet({ contactId, contactName, onClose, onSaved }: {
  contactId: string
  contactName: string
  onClose: () => void
  onSaved: (task: TaskView) => void
}) {
  const now = Date.now()
  const [draft, setDraft] = useState<ReminderDraft>(() => newReminderDraft(now))
  const [error, setError] = useState<{ field: string; reason: string } | null>(null)
  const { busy, run } = useBusyAction()
  const range = reminderDateRange(now)
  const set = (change: Partial<ReminderDraft>) => {
    setDraft({ ...draft, ...change })
    setError(null)
  }

  const save = async () => {
    const wrong = checkReminder(draft, Date.now())
    if (wrong) {
      setError(wrong)
      return
    }
    await run(async () => {
      const task = await api().createReminder(reminderRequest(contactId, draft))
      void Taro.showToast({ title: task.status === 'open' ? '已设提醒，今天的清单里有它' : '已设提醒，到时放进今日清单', icon: 'none' })
      onSaved(task)
    }, (e) => {
      // Told beside the time it is about, not in a toast that hides the sheet.
      setError({ field: 'dueAt', reason: failureText(e, '没能保存，请重试') })
      return null
    })
  }

  return (
    <BottomSheet id='reminder-sheet' title={`提醒我跟进 ${contactName}`} onClose={onClose}>
      <View className='sheet__label'>什么时候</View>
      <View className='chips'>
        {quickTimes(now).map((q) => (
          <Text
            key={q.label}
            className={draft.day === q.day && draft.time === q.time ? 'chip chip--active' : 'chip'}
            onClick={() => set({ day: q.day, time: q.time })}
          >
            {q.label}
          </Text>
        ))}
      </View>
      <View className='reminder__when'>
        <View className='reminder__cell'>
          <Picker mode='date' value={draft.day} start={range.start} end={range.end} onChange={(e) => set({ day: String(e.detail.value) })}>
            <View className='field__input reminder__picker' id='reminder-day'>{draft.day} ▾</View>
          </Picker>
        </View>
        <View className='reminder__cell'>
          <Picker mode='time' value={draft.time} onChange={(e) => set({ time: String(e.detail.value) })}>
            <View className='field__input reminder__picker' id='reminder-time'>{draft.time} ▾</View>
          </Picker>
        </View>
      </View>
      <View className='sheet__label'>重复</View>
      <View className='chips'>
        {REPEAT_CHOICES.map((r) => (
          <Text key={r.label} className={draft.repeat === r.value ? 'chip chip--active' : 'chip'} onClick={() => set({ repeat: r.value })}>
            {r.label}
          </Text>
        ))}
      </View>
      <View className='sheet__label'>怎么跟进</View>
      <View className='chips'>
        {REMINDER_CHANNELS.map((c) => (
          <Text key={c.value} className={draft.channel === c.value ? 'chip chip--active' : 'chip'} onClick={() => set({ channel: c.value })}>
            {c.label}
          </Text>
        ))}
      </View>
      <View className='sheet__label'>要做什么</View>
      <Textarea
        className='field__input reminder__note'
        id='reminder-note'
        placeholder='比如：问问体检报告出来没有'
        value={draft.note}
        maxlength={REMINDER_NOTE_MAX}
        onInput={(e) => set({ note: e.detail.value })}
      />
      {error ? <View className='sheet__error' id='reminder-error'>{error.reason}</View> : null}
      <Button className='btn-primary sheet__submit' id='reminder-save' loading={busy} disabled={busy} onClick={() => void save()}>
        保存提醒
      </Button>
    </BottomSheet>
  )
}
