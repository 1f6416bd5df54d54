import { useEffect, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CONTACT_LIMITS, CONTACT_MERGE_UNDO_DAYS, type ContactDetailView, type ContactMergeView, type ContactSummaryView } from '@kejing/shared'
import { formatDateTime } from '../../format'
import { api } from '../../services'
import { useBusyAction } from '../../hooks/use-busy-action'

const confirm = async (title: string, content: string) => (await Taro.showModal({ title, content, confirmColor: '#c8102e' })).confirm

/**
 * 合并: the same person as two contacts (a 微信访客 and the 张三 the agent added) becomes one.
 * The agent picks the other contact by search; 撤销合并 stays offered for the undo window.
 */
export default function Merge({ c, onChanged }: { c: ContactDetailView; onChanged: () => void }) {
  const [open, setOpen] = useState(false)
  const [q, setQ] = useState('')
  const [found, setFound] = useState<ContactSummaryView[]>([])
  const [merges, setMerges] = useState<ContactMergeView[]>([])
  const { busy, run } = useBusyAction()

  const loadMerges = () => api().contactMerges(c.contactId).then(setMerges).catch(() => setMerges([]))
  useEffect(() => {
    void loadMerges()
  }, [c.contactId])
  useEffect(() => {
    if (!open) return
    const timer = setTimeout(() => {
      api().contacts({ ...(q.trim() ? { q: q.trim() } : {}) })
        .then((page) => setFound(page.items.filter((x) => x.contactId !== c.contactId)))
        .catch(() => setFound([]))
    }, 300)
    return () => clearTimeout(timer)
  }, [open, q])

  const mergeFrom = async (other: ContactSummaryView) => {
    const ok = await confirm('合并客户', `把「${other.displayName}」合并到「${c.displayName}」？互动、留资、备注、手机号和任务都会归到一起，${CONTACT_MERGE_UNDO_DAYS}天内可撤销。`)
    if (!ok) return
    await run(async () => {
      await api().mergeContact(c.contactId, other.contactId)
      void Taro.showToast({ title: '已合并', icon: 'success' })
      setOpen(false)
      setQ('')
      await loadMerges()
      onChanged()
    }, '合并失败')
  }

  const undo = async (m: ContactMergeView) => {
    if (!(await confirm('撤销合并', `「${m.fromName}」将恢复为单独的客户，各自的记录也分开。`))) return
    await run(async () => {
      await api().undoMerge(m.mergeId)
      void Taro.showToast({ title: '已撤销合并', icon: 'success' })
      await loadMerges()
      onChanged()
    }, '撤销失败')
  }

  const now = Date.now()
  const undoable = merges.filter((m) => m.undoableUntil !== null && Date.parse(m.undoableUntil) > now)
  return (
    <View className='section' id='contact-merge'>
      <View className='section__title'>
        <Text>合并客户</Text>
        {open ? null : (
          <Text id='merge-open' className='section__more' onClick={() => setOpen(true)}>
            合并 ›
          </Text>
        )}
      </View>
      {undoable.map((m) => (
        <View key={m.mergeId} id={`merge-${m.mergeId}`} className='list-item row row--between'>
          <View>
            <View>已合并「{m.fromName}」{m.reason === 'verified_phone' ? '（手机号验证一致）' : ''}</View>
            <View className='muted'>{formatDateTime(m.mergedAt)} · {formatDateTime(m.undoableUntil as string)}前可撤销</View>
          </View>
          <Button id={`merge-undo-${m.mergeId}`} size='mini' className='btn-ghost' loading={busy} onClick={() => undo(m)}>
            撤销合并
          </Button>
        </View>
      ))}
      {!open && undoable.length === 0 ? <View className='muted'>同一个人在通讯录里有两条记录时（如“微信访客”和你添加的客户），可合并为一位。</View> : null}
      {open ? (
        <View>
          <Input
            id='merge-search'
            className='field__input'
            placeholder='搜索要并入的客户：姓名、备注或手机尾号'
            value={q}
            maxlength={CONTACT_LIMITS.searchMax}
            onInput={(e) => setQ(e.detail.value)}
          />
          {found.slice(0, 10).map((x) => (
            <View key={x.contactId} id={`merge-pick-${x.contactId}`} className='list-item row row--between' onClick={() => mergeFrom(x)}>
              <Text>{x.displayName}</Text>
              <Text className='section__more'>并入此客户</Text>
            </View>
          ))}
          {found.length === 0 ? <View className='muted'>没有找到其他客户</View> : null}
          <Button className='btn-ghost' onClick={() => setOpen(false)}>
            取消
          </Button>
        </View>
      ) : null}
    </View>
  )
}
