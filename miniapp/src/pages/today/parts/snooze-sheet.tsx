import { Picker, Text, View } from '@tarojs/components'
import type { SnoozeTaskRequest } from '@kejing/shared'
import BottomSheet from '../../../components/bottom-sheet'
import { SNOOZE_CHOICES, snoozeDateRange, snoozeDateUntil } from '../../../tasks/snooze'

/** '2026-12-05' → '12月5日': short enough for WeChat's success toast (seven characters). */
const shortDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

/** 稍后 on a task card: 明天, 下周, a date, or a reminder of the agent's own for this contact. */
export default function SnoozeSheet({ contactName, isReminder, onSnooze, onRemind, onClose }: {
  contactName: string
  isReminder: boolean
  onSnooze: (to: SnoozeTaskRequest, label: string) => void
  onRemind: () => void
  onClose: () => void
}) {
  const range = snoozeDateRange(Date.now())
  return (
    <BottomSheet id='snooze-sheet' title={`${contactName} · 稍后再跟进`} onClose={onClose}>
      {isReminder ? <View className='sheet__hint'>提醒会改到新的时间，到时再放进今日清单。</View> : null}
      {SNOOZE_CHOICES.map((c) => (
        <View key={c.preset} className='sheet__option' id={`snooze-${c.preset}`} onClick={() => onSnooze({ preset: c.preset }, c.label)}>
          <Text>{c.label}</Text>
          <Text className='sheet__hint'>{c.hint}</Text>
        </View>
      ))}
      <Picker mode='date' value={range.start} start={range.start} end={range.end} onChange={(e) => onSnooze({ until: snoozeDateUntil(String(e.detail.value)) }, shortDay(String(e.detail.value)))}>
        <View className='sheet__option' id='snooze-date'>
          <Text>选个日期</Text>
          <Text className='sheet__hint'>30 天内，当天 09:00 ▸</Text>
        </View>
      </Picker>
      <View className='sheet__option' id='snooze-remind' onClick={onRemind}>
        <Text>设一个提醒…</Text>
        <Text className='sheet__hint'>自己定时间、重复和要做的事 ▸</Text>
      </View>
    </BottomSheet>
  )
}
