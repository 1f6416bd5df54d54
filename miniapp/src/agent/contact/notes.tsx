import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CONTACT_LIMITS, type TimelineItemView } from '@kejing/shared'
import { formatDateTime, formatDwell, touchpointName } from '../../format'
import { api } from '../../services'
import { useBusyAction } from '../../hooks/use-busy-action'

const FAILED = '操作失败，请稍后再试'

/** 写跟进记录: a note on the contact; it shows in the timeline below. */
export default function Notes({ contactId, onChanged }: { contactId: string; onChanged: () => void }) {
  const [body, setBody] = useState('')
  const { busy, run } = useBusyAction()
  const save = async () => {
    if (!body.trim()) {
      void Taro.showToast({ title: '请先写点内容', icon: 'none' })
      return
    }
    await run(async () => {
      await api().addNote(contactId, body.trim())
      setBody('')
      void Taro.showToast({ title: '已保存', icon: 'success' })
      onChanged()
    }, FAILED)
  }
  return (
    <View className='section'>
      <View className='section__title'>
        <Text>写跟进记录</Text>
      </View>
      <Textarea
        id='note-new'
        className='field__input log__note'
        placeholder='如：孩子明年上小学，关注教育金'
        value={body}
        maxlength={CONTACT_LIMITS.noteMax}
        onInput={(e) => setBody(e.detail.value)}
      />
      <Button id='note-save' className='btn-primary' loading={busy} onClick={save}>
        保存记录
      </Button>
    </View>
  )
}

/** One line of the timeline; the agent's own notes can be edited or deleted in place. */
export function TimelineEntry({ item, contactId, onChanged }: { item: TimelineItemView; contactId: string; onChanged: () => void }) {
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(item.note ?? '')
  const isNote = item.type === 'note'
  const { run } = useBusyAction()

  const saveEdit = async () => {
    if (!draft.trim()) return void Taro.showToast({ title: '记录不能为空', icon: 'none' })
    await run(async () => {
      await api().editNote(contactId, item.eventId, draft.trim())
      setEditing(false)
      onChanged()
    }, FAILED)
  }
  const remove = async () => {
    const { confirm } = await Taro.showModal({ title: '删除这条记录？', content: '删除后无法恢复', confirmText: '删除', confirmColor: '#c8102e' })
    if (!confirm) return
    await run(async () => {
      await api().deleteNote(contactId, item.eventId)
      onChanged()
    }, FAILED)
  }

  return (
    <View id={`timeline-${item.eventId}`} className={`list-item timeline__item ${isNote ? 'timeline__item--note' : ''}`}>
      <View>
        {isNote ? `跟进记录 · ${item.noteAuthorName ?? ''}` : touchpointName(item.type as Exclude<TimelineItemView['type'], 'note'>)}
        {item.contentTitle ? `《${item.contentTitle}》` : ''}
      </View>
      {editing ? (
        <View>
          <Textarea className='field__input log__note' value={draft} maxlength={CONTACT_LIMITS.noteMax} onInput={(e) => setDraft(e.detail.value)} />
          <View className='row'>
            <Text className='timeline__act' onClick={saveEdit}>
              保存
            </Text>
            <Text className='timeline__act' onClick={() => setEditing(false)}>
              取消
            </Text>
          </View>
        </View>
      ) : item.note ? (
        <View className='timeline__note'>{item.note}</View>
      ) : null}
      <View className='muted'>
        {formatDateTime(item.occurredAt)}
        {item.depthPct !== null ? ` · 读到 ${item.depthPct}%` : ''}
        {item.dwellMs ? ` · ${formatDwell(item.dwellMs)}` : ''}
      </View>
      {isNote && item.mine && !editing ? (
        <View className='row'>
          <Text className='timeline__act note-edit' onClick={() => setEditing(true)}>
            编辑
          </Text>
          <Text className='timeline__act note-delete' onClick={remove}>
            删除
          </Text>
        </View>
      ) : null}
    </View>
  )
}
