import { useEffect, useState } from 'react'
import { Button, Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { NotificationSettingsView, RecordGrantsRequest } from '@kejing/shared'
import AgentGate from '../../components/agent-gate'
import StateView from '../../components/state-view'
import { useAsync } from '../../hooks/use-async'
import { NOTICE_KIND_LABELS } from '../../notices/notice-view'
import { api } from '../../services'
import { useBusyAction } from '../../hooks/use-busy-action'
import './index.css'

const CAPS = [3, 5, 10, 20] as const
const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter']

/** requestSubscribeMessage's answer as the server takes it: only our template ids, only known answers. */
function grantsFrom(result: Record<string, unknown>, templateIds: string[]): RecordGrantsRequest['results'] {
  const out: RecordGrantsRequest['results'] = {}
  for (const id of templateIds) {
    const answer = result[id]
    if (typeof answer === 'string' && ANSWERS.includes(answer)) out[id] = answer as RecordGrantsRequest['results'][string]
  }
  return out
}

function SettingsForm() {
  const loaded = useAsync(() => api().noticeSettings(), [])
  const [draft, setDraft] = useState<NotificationSettingsView | null>(null)
  const { busy: saving, run } = useBusyAction()
  useEffect(() => {
    if (loaded.data) setDraft(loaded.data)
  }, [loaded.data])
  if (!draft) return <StateView loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />
  const templateIds = draft.templates.flatMap((t) => (t.templateId ? [t.templateId] : []))

  // Each 允许 is one push WeChat allows: tapping again saves up more.
  const subscribe = async () => {
    if (templateIds.length === 0) {
      void Taro.showToast({ title: '机构尚未配置微信提醒模板', icon: 'none' })
      return
    }
    let result: Record<string, unknown>
    try {
      result = (await Taro.requestSubscribeMessage({ tmplIds: templateIds, entityIds: [] })) as unknown as Record<string, unknown>
    } catch {
      void Taro.showToast({ title: '请在微信小程序中开启提醒', icon: 'none' })
      return
    }
    try {
      const saved = await api().recordNoticeGrants({ results: grantsFrom(result, templateIds) })
      loaded.setData(saved)
      const accepted = Object.values(grantsFrom(result, templateIds)).filter((a) => a === 'accept').length
      void Taro.showToast({ title: accepted > 0 ? `已开启 ${accepted} 类提醒` : '未开启提醒', icon: 'none' })
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' })
    }
  }

  const save = async () => {
    await run(async () => {
      loaded.setData(await api().updateNoticeSettings({ quietStart: draft.quietStart, quietEnd: draft.quietEnd, dailyCap: draft.dailyCap }))
      void Taro.showToast({ title: '已保存', icon: 'success' })
    }, '没能保存，请稍后再试')
  }

  return (
    <View className='page notice-settings'>
      <View className='section'>
        <View className='section__title'>
          <Text>微信提醒</Text>
        </View>
        <View className='muted notice-settings__hint'>
          关掉小程序也能收到：新线索、高意向阅读、转介绍、客户留言、待办到期。微信规定每次“允许”只能推送一次，常点一下可多攒几次；所有消息都会留在“消息”里。
        </View>
        {draft.templates.map((t) => (
          <View key={t.template} className='row row--between notice-settings__template' id={`template-${t.template}`}>
            <Text>{t.kinds.map((k) => NOTICE_KIND_LABELS[k]).join(' · ')}</Text>
            <Text className={t.remaining > 0 ? 'notice-settings__left' : 'notice-settings__left notice-settings__left--none'}>
              {t.templateId ? `可推送 ${t.remaining} 次` : '未配置'}
            </Text>
          </View>
        ))}
        <Button className='btn-primary notice-settings__subscribe' id='subscribe' onClick={subscribe}>
          开启 / 续订微信提醒
        </Button>
      </View>
      <View className='section'>
        <View className='section__title'>
          <Text>免打扰与上限</Text>
        </View>
        <View className='field row row--between'>
          <Text className='field__label'>免打扰开始</Text>
          <Picker mode='time' value={draft.quietStart} onChange={(e) => setDraft({ ...draft, quietStart: String(e.detail.value) })}>
            <Text className='notice-settings__time' id='quiet-start'>{draft.quietStart}</Text>
          </Picker>
        </View>
        <View className='field row row--between'>
          <Text className='field__label'>免打扰结束</Text>
          <Picker mode='time' value={draft.quietEnd} onChange={(e) => setDraft({ ...draft, quietEnd: String(e.detail.value) })}>
            <Text className='notice-settings__time' id='quiet-end'>{draft.quietEnd}</Text>
          </Picker>
        </View>
        <View className='muted notice-settings__hint'>免打扰时段内的提醒会在结束后推送（中国时间）；开始与结束相同表示不设免打扰。</View>
        <View className='field'>
          <View className='field__label'>每天最多推送（今天已推送 {draft.sentToday} 条）</View>
          <View className='chips'>
            {CAPS.map((cap) => (
              <Text key={cap} id={`cap-${cap}`} className={`chip ${draft.dailyCap === cap ? 'chip--active' : ''}`} onClick={() => setDraft({ ...draft, dailyCap: cap })}>
                {cap} 条
              </Text>
            ))}
          </View>
        </View>
        <Button className='btn-primary' id='save-settings' loading={saving} onClick={save}>
          保存设置
        </Button>
      </View>
    </View>
  )
}

export default function NoticeSettingsPage() {
  return (
    <AgentGate>
      <SettingsForm />
    </AgentGate>
  )
}
