import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ReminderSheet from '../../components/reminder-sheet'
import { useAsync } from '../../hooks/use-async'
import { api } from '../../services'
import { reminderWhen } from '../../tasks/reminder-form'

const CHANNEL_WORDS = { call: '打电话', message: '发微信', meet: '见面', observe: '留意' } as const

/** 提醒: the agent's own reminders for this contact, set here or from 今日, and cancelled here. */
export default function Reminders({ contactId, contactName, onChanged }: { contactId: string; contactName: string; onChanged: () => void }) {
  const reminders = useAsync(() => api().contactReminders(contactId), [contactId])
  const [open, setOpen] = useState(false)
  const now = Date.now()

  const cancel = async (taskId: string, note: string | null) => {
    const { confirm } = await Taro.showModal({
      title: '取消这个提醒？', content: `“${note ?? ''}”将不再提醒${reminders.data?.find((r) => r.taskId === taskId)?.repeat ? '，以后的重复也一并取消' : ''}。`,
      confirmText: '取消提醒', cancelText: '保留', confirmColor: '#c8102e',
    })
    if (!confirm) return
    try {
      await api().cancelReminder(taskId)
      void Taro.showToast({ title: '已取消', icon: 'success' })
      void reminders.reload()
      onChanged()
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' })
    }
  }

  return (
    <View className='section' id='contact-reminders'>
      <View className='section__title row row--between'>
        <Text>提醒</Text>
        <Text className='section__more' id='reminder-add' onClick={() => setOpen(true)}>
          ＋ 设提醒
        </Text>
      </View>
      {reminders.data && reminders.data.length === 0 ? <View className='muted'>还没有提醒。约好的回电、体检结果、生日，都可以设一个。</View> : null}
      {(reminders.data ?? []).map((r) => (
        <View key={r.taskId} className='list-item row row--between' id={`reminder-${r.taskId}`}>
          <View className='reminder-row__text'>
            <View>{r.note ?? r.action}</View>
            <View className='muted'>
              {reminderWhen(r, now)} · {CHANNEL_WORDS[r.channel]}
              {r.status === 'open' ? ' · 已在今日清单' : ''}
            </View>
          </View>
          <Button className='btn-ghost reminder-row__cancel' id={`reminder-cancel-${r.taskId}`} size='mini' onClick={() => void cancel(r.taskId, r.note)}>
            取消
          </Button>
        </View>
      ))}
      {open ? (
        <ReminderSheet
          contactId={contactId}
          contactName={contactName}
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false)
            void reminders.reload()
            onChanged()
          }}
        />
      ) : null}
    </View>
  )
}
