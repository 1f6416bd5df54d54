import { useEffect, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { BANDS, CONTACT_LIMITS, REFERRAL_CLASSES, STAGES, type Band, type GridCellCode } from '@kejing/shared'
import AgentGate from '../../components/agent-gate'
import ContactRow from '../../components/contact-row'
import StateView from '../../components/state-view'
import { CONTACT_FILTER_CHIPS } from '../../forms/contact-form'
import { useContactPages } from '../../hooks/use-contact-pages'
import { useAsync } from '../../hooks/use-async'
import { BAND_NAMES_ZH, cellName, REFERRAL_NAMES_ZH, stageName } from '../../format'
import { api } from '../../services'
import './index.css'

const TRUST_ROWS: Band[] = [...BANDS].reverse()
const go = (query: string) => Taro.navigateTo({ url: `/agent/contact-list/index?${query}` })

function Overview() {
  const grid = useAsync(() => api().grid(), [])
  useDidShow(() => void grid.reload())
  usePullDownRefresh(() => {
    void grid.reload().finally(() => Taro.stopPullDownRefresh())
  })
  if (!grid.data) return <StateView loading={grid.loading} error={grid.error} onRetry={grid.reload} />
  const { cells, stages } = grid.data
  const total = Object.values(cells).reduce((a, b) => a + b, 0)
  const maxStage = Math.max(1, ...STAGES.map((s) => stages[`${s}`] ?? 0))

  return (
    <View>
      <View className='section'>
        <View className='section__title'>
          <Text>九宫格（信任 × 意向）</Text>
          <Text className='section__more' onClick={() => go('')}>
            全部 {total} 人 ›
          </Text>
        </View>
        <View className='grid'>
          <View className='grid__axis-y'>信任 ↑</View>
          {TRUST_ROWS.map((trust) => (
            <View key={trust} className='grid__row'>
              <Text className='grid__label'>{BAND_NAMES_ZH[trust]}</Text>
              {BANDS.map((intent) => {
                const cell = `${trust}-${intent}` as GridCellCode
                const n = cells[cell] ?? 0
                return (
                  <View
                    key={cell}
                    id={`cell-${cell}`}
                    className={`grid__cell grid__cell--${trust}-${intent}`}
                    onClick={() => go(`cell=${cell}&title=${encodeURIComponent(cellName(cell))}`)}
                  >
                    <Text className='grid__count'>{n}</Text>
                  </View>
                )
              })}
            </View>
          ))}
          <View className='grid__row'>
            <Text className='grid__label' />
            {BANDS.map((intent) => (
              <Text key={intent} className='grid__foot'>
                {BAND_NAMES_ZH[intent]}
              </Text>
            ))}
          </View>
          <View className='grid__axis-x'>意向 →</View>
        </View>
      </View>

      <View className='section'>
        <View className='section__title'>
          <Text>销售漏斗（八阶段）</Text>
        </View>
        {STAGES.map((s) => {
          const n = stages[`${s}`] ?? 0
          return (
            <View key={s} className='funnel__row' onClick={() => go(`stage=${s}&title=${encodeURIComponent(stageName(s))}`)}>
              <Text className='funnel__name'>
                {s}. {stageName(s)}
              </Text>
              <View className='funnel__bar'>
                <View className='funnel__fill' style={{ width: `${Math.max(2, (n / maxStage) * 100)}%` }} />
              </View>
              <Text className='funnel__count'>{n}</Text>
            </View>
          )
        })}
      </View>

      <View className='section'>
        <View className='section__title'>
          <Text>推荐指数</Text>
        </View>
        <View className='chips'>
          {REFERRAL_CLASSES.map((r) => (
            <Text key={r} className='chip' onClick={() => go(`referral=${r}&title=${encodeURIComponent(REFERRAL_NAMES_ZH[r])}`)}>
              {REFERRAL_NAMES_ZH[r]}
            </Text>
          ))}
        </View>
      </View>
    </View>
  )
}

const SEARCH_DEBOUNCE_MS = 300

/** Search results for a query and/or a quick filter, newest touch first, 20 at a time. */
function SearchResults({ q, chip }: { q: string; chip: string | null }) {
  const filter = CONTACT_FILTER_CHIPS.find((c) => c.key === chip)?.query ?? {}
  const { items, total, loading, error, more } = useContactPages({ ...filter, ...(q ? { q } : {}) })
  const now = Date.now()
  return (
    <View className='section'>
      <View className='muted contacts__found'>找到 {total} 位客户</View>
      <StateView loading={loading && items.length === 0} error={error} empty={!loading && items.length === 0} emptyText='没有找到，换个关键词试试' />
      {items.map((c) => (
        <ContactRow key={c.contactId} c={c} now={now} />
      ))}
      {items.length < total ? (
        <Button className='btn-ghost contacts__more' loading={loading} onClick={more}>
          加载更多
        </Button>
      ) : null}
    </View>
  )
}

function ContactsHome() {
  const [typed, setTyped] = useState('')
  const [q, setQ] = useState('')
  const [chip, setChip] = useState<string | null>(null)
  // Search as the agent types, once they pause: one request per pause, not per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [typed])
  const searching = q !== '' || chip !== null
  return (
    <View className='page'>
      <View className='contacts__search'>
        <Input
          id='contact-search'
          className='field__input contacts__search-input'
          placeholder='搜索姓名、备注、标签或手机尾号'
          value={typed}
          maxlength={CONTACT_LIMITS.searchMax}
          confirmType='search'
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={(e) => setQ(e.detail.value.trim())}
        />
        {typed ? (
          <Text id='contact-search-clear' className='contacts__search-clear' onClick={() => setTyped('')}>
            清除
          </Text>
        ) : null}
      </View>
      <View className='chips contacts__chips'>
        {CONTACT_FILTER_CHIPS.map((c) => (
          <Text key={c.key} id={`chip-${c.key}`} className={`chip ${chip === c.key ? 'chip--active' : ''}`} onClick={() => setChip(chip === c.key ? null : c.key)}>
            {c.label}
          </Text>
        ))}
      </View>
      <View className='row contacts__actions'>
        <View id='contact-add' className='contacts__add' onClick={() => Taro.navigateTo({ url: '/agent/contact-edit/index' })}>
          ＋ 添加客户
        </View>
        <View id='contact-import' className='contacts__add' onClick={() => Taro.navigateTo({ url: '/agent/contact-import/index' })}>
          批量导入
        </View>
        <View id='policy-import' className='contacts__add' onClick={() => Taro.navigateTo({ url: '/agent/contact-import/index?kind=policies' })}>
          导入保单
        </View>
        <View id='contact-pool' className='contacts__add' onClick={() => Taro.navigateTo({ url: '/agent/pool/index' })}>
          公海客户 ›
        </View>
      </View>
      {searching ? <SearchResults q={q} chip={chip} /> : <Overview />}
    </View>
  )
}

export default function ContactsPage() {
  return (
    <AgentGate>
      <ContactsHome />
    </AgentGate>
  )
}
