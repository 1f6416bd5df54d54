import { RichText, View } from '@tarojs/components'
import type { AgentCardView, ContentVersionView } from '@kejing/shared'
import { formatDateTime } from '../../format'

/** The title, who published it and when, and an article's text: what the reader and Moments' single-page mode show alike. */
export default function ArticleText({ content, agent }: { content: ContentVersionView; agent: AgentCardView }) {
  return (
    <>
      <View className='reader__head'>
        <View className='reader__title' id='reader-title'>
          {content.title}
        </View>
        <View className='muted'>
          {agent.companyName}
          {content.publishedAt ? ` · ${formatDateTime(content.publishedAt)}` : ''}
        </View>
      </View>
      {content.kind === 'article' ? (
        <View className='reader__body' id='reader-body'>
          {content.bodyHtml ? <RichText nodes={content.bodyHtml} /> : <View>{content.summary}</View>}
        </View>
      ) : null}
    </>
  )
}
