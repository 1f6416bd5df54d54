import { useRef, useState } from 'react'
import { Button, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { AGENT_TOUCHPOINT_TYPES, type ContactDetailView } from '@kejing/shared'
import Notes, { TimelineEntry } from './notes'
import Profile from './profile'
import Reminders from './reminders'
import AgentGate from '../../components/agent-gate'
import StateView from '../../components/state-view'
import DealIndex from './deal-index'
import Merge from './merge'
import Policies from './policies'
import Referrals from './referrals'
import { useAsync } from '../../hooks/use-async'
import {
  BAND_NAMES_ZH,
  cellName,
  formatDateTime,
  formatFen,
  formatRelativeTime,
  OUTCOME_NAMES_ZH,
  REFERRAL_NAMES_ZH,
  stageName,
  tagName,
  touchpointName,
} from '../../format'
import { api } from '../../services'
import { defaultRandom, uuidV4 } from '../../tracking/uuid'
import { useBusyAction } from '../../hooks/use-busy-action'
import './index.css'

const ACTION_NAMES = AGENT_TOUCHPOINT_TYPES.map((t) => touchpointName(t))
const random = defaultRandom()

function ScoreBar({ label, value, band }: { label: string; value: number; band: string }) {
  return (
    <View className='score'>
      <View className='row row--between'>
        <Text>{label}</Text>
        <Text className='score__value'>
          {value} <Text className='muted'>（{band}）</Text>
        </Text>
      </View>
      <View className='score__bar'>
        <View className='score__fill' style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
      </View>
    </View>
  )
}

function LogAction({ contactId, onLogged }: { contactId: string; onLogged: () => void }) {
  const [index, setIndex] = useState(0)
  const [note, setNote] = useState('')
  const { busy, run } = useBusyAction()
  // One id per attempt, reused on retry so the action is stored once.
  const [clientEventId, setClientEventId] = useState(() => uuidV4(random))

  const submit = async () => {
    await run(async () => {
      await api().logAction(contactId, { clientEventId, type: AGENT_TOUCHPOINT_TYPES[index], ...(note.trim() ? { note: note.trim() } : {}) })
      void Taro.showToast({ title: '已记录', icon: 'success' })
      setNote('')
      setClientEventId(uuidV4(random))
      onLogged()
    }, '没能记录，请稍后再试')
  }

  return (
    <View className='section'>
      <View className='section__title'>
        <Text>记录线下行动</Text>
      </View>
      <Picker mode='selector' range={ACTION_NAMES} value={index} onChange={(e) => setIndex(Number(e.detail.value))}>
        <View className='field__input log__picker'>{ACTION_NAMES[index]} ▾</View>
      </Picker>
      <Textarea className='field__input log__note' placeholder='备注（选填），如：约了周六面谈' value={note} maxlength={500} onInput={(e) => setNote(e.detail.value)} />
      <Button className='btn-primary' loading={busy} onClick={submit}>
        记录
      </Button>
    </View>
  )
}

function Detail({ c, reload, refreshKey }: { c: ContactDetailView; reload: () => void; refreshKey: number }) {
  const now = Date.now()
  return (
    <View className='page'>
      <View className='section'>
        <View className='contact__name'>{c.displayName}</View>
        <View className='chips'>
          <Text className='chip chip--active'>{stageName(c.stage)}</Text>
          <Text className='chip'>{cellName(c.cell)}</Text>
          {/* 无感 is everyone's default: only a real referral class says something. */}
          {c.referralClass === 'indifferent' ? null : <Text className='chip'>{REFERRAL_NAMES_ZH[c.referralClass]}</Text>}
          <Text className='chip'>{OUTCOME_NAMES_ZH[c.outcome]}</Text>
          {c.tags.slice(0, 6).map((t) => (
            <Text key={t.tag} className='chip'>
              {tagName(t.tag)}
            </Text>
          ))}
        </View>
        <ScoreBar label='信任度' value={c.trust} band={BAND_NAMES_ZH[c.trustBand]} />
        <ScoreBar label='意向度' value={c.intent} band={BAND_NAMES_ZH[c.intentBand]} />
      </View>

      <Profile c={c} />

      <Policies contactId={c.contactId} canAdd refreshKey={refreshKey} />

      <Referrals contactId={c.contactId} refreshKey={refreshKey} />

      <DealIndex contactId={c.contactId} refreshKey={refreshKey} />

      {c.openTasks.length > 0 ? (
        <View className='section'>
          <View className='section__title'>
            <Text>下一步</Text>
          </View>
          {c.openTasks.map((t) => (
            <View key={t.taskId} className='list-item'>
              <View>{t.action}</View>
              <View className='muted'>{t.suggestedMessage}</View>
            </View>
          ))}
        </View>
      ) : null}

      <Reminders contactId={c.contactId} contactName={c.displayName} onChanged={reload} />

      <View className='section'>
        <View className='section__title'>
          <Text>评分依据</Text>
        </View>
        {c.explanations.length === 0 ? <View className='muted'>暂无</View> : null}
        {c.explanations.map((e, i) => (
          <View key={i} className='list-item row row--between'>
            <View>
              <View>
                {e.dimension === 'trust' ? '信任' : '意向'} · {touchpointName(e.touchpointType)}
              </View>
              <View className='muted'>
                {e.reason} · {formatRelativeTime(e.at, now)}
              </View>
            </View>
            <Text className={e.points >= 0 ? 'points--up' : 'points--down'}>
              {e.points >= 0 ? `+${e.points}` : e.points}
            </Text>
          </View>
        ))}
      </View>

      {c.leads.length > 0 ? (
        <View className='section'>
          <View className='section__title'>
            <Text>留资信息</Text>
          </View>
          {c.leads.map((l) => (
            <View key={l.leadId} className='list-item'>
              <View>
                {l.name} · {l.phone}
                {/* Whether WeChat vouched for the number or the person typed it (anyone can type any number). */}
                <Text className={`phone-source phone-source--${l.phoneSource}`} id={`lead-phone-source-${l.leadId}`}>
                  {l.phoneSource === 'wechat' ? '已验证' : '手填'}
                </Text>
              </View>
              <View className='muted'>
                预算 {formatFen(l.budgetFen)} · 被保险人 {l.insuredPerson ?? '—'} · 需求 {l.needs.map((n) => tagName(`need:${n}`)).join('、') || '—'}
              </View>
              <View className='muted'>{formatDateTime(l.createdAt)}</View>
            </View>
          ))}
        </View>
      ) : null}

      <Notes contactId={c.contactId} onChanged={reload} />

      <LogAction contactId={c.contactId} onLogged={reload} />

      <Merge c={c} onChanged={reload} />

      <View className='section'>
        <View className='section__title'>
          <Text>互动时间线</Text>
        </View>
        {c.timeline.length === 0 ? <View className='muted'>暂无</View> : null}
        {c.timeline.map((t) => (
          <TimelineEntry key={t.eventId} item={t} contactId={c.contactId} onChanged={reload} />
        ))}
      </View>
    </View>
  )
}

export default function ContactPage() {
  const { id = '' } = useRouter().params
  const [refreshKey, setRefreshKey] = useState(0)
  const contact = useAsync(() => api().contact(id), [id])
  // Back from the edit form (or anywhere): show what was saved. The first show is the first load.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) {
      void contact.reload()
      // Back from the policy form: its list (and the deal index) reload with the contact.
      setRefreshKey((k) => k + 1)
    }
    shown.current = true
  })
  return (
    <AgentGate>
      {contact.data ? (
        <Detail
          c={contact.data}
          refreshKey={refreshKey}
          reload={() => {
            void contact.reload()
            setRefreshKey((k) => k + 1)
          }}
        />
      ) : (
        <StateView loading={contact.loading} error={contact.error} onRetry={contact.reload} />
      )}
    </AgentGate>
  )
}
