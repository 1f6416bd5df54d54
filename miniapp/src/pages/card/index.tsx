import { useEffect, useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { AgentCardView } from '@kejing/shared'
import AgentCard from '../../components/agent-card'
import AgentGate from '../../components/agent-gate'
import DashboardEntries from '../../components/dashboard-entries'
import StateView from '../../components/state-view'
import { useAgentSession } from '../../hooks/use-agent-session'
import { useAsync } from '../../hooks/use-async'
import { hasOwnFollowUps } from '../../metrics/entries'
import { introFrom } from '../../forms/persona-templates'
import { api } from '../../services'
import { absoluteImageUrl, chooseAndUploadImage } from '../../uploads/upload-image'
import ReachEditor from './parts/reach-editor'
import { useBusyAction } from '../../hooks/use-busy-action'
import './index.css'

function CardEditor() {
  const card = useAsync(() => api().card(), [])
  const personas = useAsync(() => api().personaTemplates(), [])
  const [draft, setDraft] = useState<AgentCardView | null>(null)
  const { busy: saving, run } = useBusyAction()
  useEffect(() => {
    if (card.data) setDraft(card.data)
  }, [card.data])

  if (!draft) return <StateView loading={card.loading} error={card.error} onRetry={card.reload} />
  const set = (patch: Partial<AgentCardView>) => setDraft({ ...draft, ...patch })

  // The photo is uploaded, then saved on the card as the image's full address.
  const uploadPhoto = async () => {
    try {
      const uploaded = await chooseAndUploadImage()
      if (!uploaded) return
      const saved = await api().updateCard({ photoUrl: absoluteImageUrl(uploaded.url) })
      card.setData(saved)
      void Taro.showToast({ title: '头像已更新', icon: 'success' })
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' })
    }
  }

  const save = async () => {
    if (!draft.name.trim()) {
      void Taro.showToast({ title: '请填写姓名', icon: 'none' })
      return
    }
    await run(async () => {
      const saved = await api().updateCard({
        name: draft.name.trim(),
        intro: (draft.intro ?? '').trim(),
        ...(draft.personaTemplate ? { personaTemplate: draft.personaTemplate } : {}),
      })
      card.setData(saved)
      void Taro.showToast({ title: '已保存', icon: 'success' })
    }, '没能保存，请稍后再试')
  }

  return (
    <View className='page'>
      <View className='card__preview-label muted'>客户在每篇分享的底部看到的名片</View>
      <AgentCard agent={draft} expanded />
      <View className='section'>
        <View className='section__title'>
          <Text>人设模板（千星计划）</Text>
        </View>
        <View className='chips'>
          {(personas.data ?? []).map((p) => (
            <Text
              key={p.code}
              className={`chip ${draft.personaTemplate === p.code ? 'chip--active' : ''}`}
              onClick={() => set({ personaTemplate: p.code, intro: introFrom(p, draft.name, draft.companyName) })}
            >
              {p.name}
            </Text>
          ))}
        </View>
      </View>
      <View className='section'>
        <View className='field'>
          <View className='field__label'>姓名</View>
          <Input className='field__input' value={draft.name} maxlength={20} onInput={(e) => set({ name: e.detail.value })} />
        </View>
        <View className='field row row--between'>
          <View className='field__label'>头像</View>
          <Button className='btn-plain card__photo-btn' id='upload-photo' size='mini' onClick={uploadPhoto}>
            {draft.photoUrl ? '更换照片' : '上传照片'}
          </Button>
        </View>
        <View className='field'>
          <View className='field__label'>个人简介</View>
          <Textarea className='field__input card__intro' value={draft.intro ?? ''} maxlength={200} onInput={(e) => set({ intro: e.detail.value })} />
        </View>
        <View className='field'>
          <View className='field__label'>执业证号 · 所属公司（由机构维护）</View>
          <View className='muted'>
            {draft.licenceNo ?? '待补充'} · {draft.companyName}
          </View>
        </View>
        <Button className='btn-primary' loading={saving} onClick={save}>
          保存名片
        </Button>
      </View>
      <ReachEditor />
    </View>
  )
}

function CardTab() {
  const { session } = useAgentSession()
  const me = session?.user
  if (!me) return null
  return (
    <View>
      <DashboardEntries me={me} />
      {hasOwnFollowUps(me) ? <CardEditor /> : <View className='section muted'>名片和分享供营销员使用；您可以在上方查看机构看板。</View>}
    </View>
  )
}

export default function CardPage() {
  return (
    <AgentGate>
      <CardTab />
    </AgentGate>
  )
}
