import { useMemo, useState } from 'react'
import { Image, Input, ScrollView, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { TAG_FAMILIES, type ContentKind, type ContentSummaryView } from '@kejing/shared'
import AgentGate from '../../components/agent-gate'
import StateView from '../../components/state-view'
import { useAsync } from '../../hooks/use-async'
import { KIND_NAMES_ZH, TAG_FAMILY_NAMES_ZH, tagName } from '../../format'
import { api } from '../../services'
import { absoluteImageUrl } from '../../uploads/upload-image'
import './index.css'

const KINDS: (ContentKind | '')[] = ['', 'article', 'video', 'live', 'poster']
const PAGE_SIZE = 20

function ContentRow({ item }: { item: ContentSummaryView }) {
  return (
    <View
      className='content-row'
      id={`content-${item.versionId}`}
      onClick={() => Taro.navigateTo({ url: `/agent/content/index?v=${encodeURIComponent(item.versionId)}` })}
    >
      {item.coverUrl ? <Image className='content-row__cover' src={absoluteImageUrl(item.coverUrl)} mode='aspectFill' lazyLoad /> : null}
      <View className='content-row__body'>
        <View className='content-row__title'>
          <Text className='chip chip--hot'>{KIND_NAMES_ZH[item.kind]}</Text>
          {item.title}
        </View>
        {item.summary ? <View className='content-row__summary'>{item.summary}</View> : null}
        <View className='chips'>
          {item.tags.slice(0, 4).map((t) => (
            <Text key={t} className='chip'>
              {tagName(t)}
            </Text>
          ))}
        </View>
      </View>
    </View>
  )
}

function Library() {
  const [q, setQ] = useState('')
  const [query, setQuery] = useState('')
  const [kind, setKind] = useState<ContentKind | ''>('')
  const [tag, setTag] = useState('')
  const [pages, setPages] = useState(1)
  const list = useAsync(
    () => api().listContent({ q: query || undefined, kind: kind || undefined, tag: tag || undefined, page: 1, pageSize: PAGE_SIZE * pages }),
    [query, kind, tag, pages],
  )
  // Filter choices come from the tags of the approved content itself, grouped by family.
  const allTags = useAsync(() => api().listContent({ page: 1, pageSize: 100 }), [])
  const families = useMemo(() => {
    const seen = new Map<string, Set<string>>()
    for (const item of allTags.data?.items ?? []) {
      for (const t of item.tags) {
        const family = t.split(':')[0]
        if (!seen.has(family)) seen.set(family, new Set())
        seen.get(family)!.add(t)
      }
    }
    return TAG_FAMILIES.filter((f) => seen.has(f)).map((f) => ({ family: f, tags: [...seen.get(f)!].sort() }))
  }, [allTags.data])

  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (list.data && list.data.items.length < list.data.total) setPages((p) => p + 1)
  })

  return (
    <View className='page'>
      <View className='library__search'>
        <Input
          className='field__input'
          id='content-search'
          placeholder='搜索标题或标签，如：重疾、养老'
          confirmType='search'
          value={q}
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={() => {
            setPages(1)
            setQuery(q.trim())
          }}
        />
      </View>
      <View className='chips library__kinds'>
        {KINDS.map((k) => (
          <Text key={k || 'all'} className={`chip ${kind === k ? 'chip--active' : ''}`} onClick={() => setKind(k)}>
            {k ? KIND_NAMES_ZH[k] : '全部'}
          </Text>
        ))}
      </View>
      {families.map(({ family, tags }) => (
        <ScrollView key={family} scrollX className='library__tags'>
          <Text className='library__family'>{TAG_FAMILY_NAMES_ZH[family] ?? family}</Text>
          {tags.map((t) => (
            <Text key={t} className={`chip ${tag === t ? 'chip--active' : ''}`} onClick={() => setTag(tag === t ? '' : t)}>
              {tagName(t)}
            </Text>
          ))}
        </ScrollView>
      ))}
      <View className='section'>
        <StateView
          loading={list.loading && !list.data}
          error={list.error}
          empty={!!list.data && list.data.items.length === 0}
          emptyText='没有符合条件的内容'
          onRetry={list.reload}
        />
        {(list.data?.items ?? []).map((item) => (
          <ContentRow key={item.versionId} item={item} />
        ))}
      </View>
    </View>
  )
}

export default function ContentPage() {
  return (
    <AgentGate>
      <Library />
    </AgentGate>
  )
}
