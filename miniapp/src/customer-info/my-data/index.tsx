import { useState } from 'react'
import { Button, Switch, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ConsentView } from '@kejing/shared'
import StateView from '../../components/state-view'
import { useAsync } from '../../hooks/use-async'
import { formatDateTime } from '../../format'
import { api } from '../../customer/reader-services'
import { CONSENT_NAMES, deletionSummary, heldSummaries, isOptedOut, shoulderMask, withdrawWarning } from '../../privacy/my-data-view'
import { useBusyAction } from '../../hooks/use-busy-action'
import '../../app.css'
import './index.css'

const confirm = async (title: string, content: string, confirmText: string): Promise<boolean> =>
  (await Taro.showModal({ title, content, confirmText, cancelText: '再想想', confirmColor: '#c8102e' })).confirm

/** 我的信息: the customer sees what is held about them, exports it, opts out, withdraws consent, or erases it all. */
export default function MyDataPage() {
  const data = useAsync(() => api().myData(), [])
  const consents = useAsync(() => api().myConsents(), [])
  const { busy, run } = useBusyAction()
  const [erased, setErased] = useState<string | null>(null)

  const act = async (fn: () => Promise<unknown>, done: string) => {
    await run(async () => {
      await fn()
      void Taro.showToast({ title: done, icon: 'success' })
      void data.reload()
      void consents.reload()
    }, '没能完成，请重试')
  }

  if (erased) {
    return (
      <View className='page my-data'>
        <View className='section my-data__done' id='my-data-erased'>
          <View className='my-data__title'>您的信息已删除</View>
          <View className='my-data__lead'>{erased}</View>
          <View className='muted'>删除无法恢复。以后再打开顾问分享的内容，会重新开始记录，届时您仍可在这里删除。</View>
        </View>
      </View>
    )
  }
  if (!data.data) return <StateView loading={data.loading} error={data.error} onRetry={data.reload} />

  const held = heldSummaries(data.data)
  const optedOut = isOptedOut(data.data)
  const given = (consents.data ?? []).filter((c) => c.withdrawnAt === null)

  const toggleOptOut = async (on: boolean) => {
    if (on && !(await confirm('不再接收个性化跟进？', '开启后，顾问看不到您的阅读评分，也不会收到跟进您的提醒。您随时可以关掉。', '开启'))) {
      void data.reload() // the switch goes back
      return
    }
    await act(() => (on ? api().optOut() : api().optIn()), on ? '已开启' : '已关闭')
  }
  const withdraw = async (c: ConsentView) => {
    if (!(await confirm(`撤回“${CONSENT_NAMES[c.kind]}”？`, withdrawWarning(c), '撤回'))) return
    await act(() => api().withdrawConsent(c.consentId), '已撤回')
  }
  const exportAll = async () => {
    await Taro.setClipboardData({ data: JSON.stringify(data.data, null, 2) })
    void Taro.showToast({ title: '已复制全部信息，可粘贴保存', icon: 'none' })
  }
  const erase = async () => {
    if (!(await confirm('删除我的全部信息？', '将删除所有顾问处关于您的档案、阅读记录、留资和跟进记录，并退出登录。删除后无法恢复。', '继续'))) return
    if (!(await confirm('最后确认', '确定永久删除？此操作不可撤销。', '永久删除'))) return
    await run(async () => {
      setErased(deletionSummary(await api().eraseMe()))
    }, '没能删除，请重试')
  }

  return (
    <View className='page my-data'>
      <View className='section'>
        <View className='my-data__title'>我们保存了您的哪些信息</View>
        <View className='muted'>只有您本人（当前微信）能看到这一页。用微信验证过的手机号留下的信息也包括在内。</View>
        {held.length === 0 ? <View className='my-data__lead' id='my-data-empty'>我们还没有保存您的任何信息。</View> : null}
        {held.map((h) => (
          <View key={h.contactId} className='my-data__agent' id={`held-${h.contactId}`}>
            <View className='my-data__agent-head'>
              顾问 {h.agentName || '—'} <Text className='muted'>· 自 {h.since}</Text>
            </View>
            {h.lines.map((line) => (
              <View key={line} className='my-data__line'>· {line}</View>
            ))}
          </View>
        ))}
        {data.data.verifiedPhones.length > 0 ? (
          <View className='my-data__line muted'>微信验证过的手机号：{data.data.verifiedPhones.map((p) => shoulderMask(p.phone)).join('、')}</View>
        ) : null}
      </View>

      <View className='section'>
        <View className='row row--between'>
          <View className='my-data__switch-text'>
            <View>不再接收个性化跟进</View>
            <View className='muted'>顾问不再看到您的评分和跟进提醒</View>
          </View>
          <Switch id='opt-out' checked={optedOut} disabled={busy || held.length === 0} color='#c8102e' onChange={(e) => void toggleOptOut(e.detail.value)} />
        </View>
      </View>

      <View className='section'>
        <View className='section__title'>
          <Text>我给过的授权</Text>
        </View>
        {given.length === 0 ? <View className='muted'>没有生效中的授权。</View> : null}
        {given.map((c) => (
          <View key={c.consentId} className='list-item row row--between' id={`consent-${c.consentId}`}>
            <View className='my-data__switch-text'>
              <View>{CONSENT_NAMES[c.kind]}</View>
              <View className='muted'>
                {c.purpose} · {formatDateTime(c.givenAt)}
              </View>
            </View>
            <Button className='btn-ghost' id={`withdraw-${c.consentId}`} size='mini' disabled={busy} onClick={() => void withdraw(c)}>
              撤回
            </Button>
          </View>
        ))}
      </View>

      <View className='section'>
        <Button className='btn-plain my-data__btn' id='export' disabled={busy || held.length === 0} onClick={() => void exportAll()}>
          导出我的信息
        </Button>
        <Button className='my-data__btn my-data__danger' id='erase' disabled={busy || held.length === 0} onClick={() => void erase()}>
          删除我的全部信息
        </Button>
        <View className='muted my-data__foot'>导出会复制一份完整的记录（JSON 格式）；删除会同时退出登录。每次查看、导出和删除都会被记录，以备核查。</View>
      </View>
    </View>
  )
}
