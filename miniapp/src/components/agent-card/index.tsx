import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import type { AgentCardView } from '@kejing/shared'
import { avatarColour } from './avatar-colour'
import { absoluteImageUrl } from '../../uploads/upload-image'
import './index.css'

interface Props {
  agent: AgentCardView
  /** Show the intro (the card page and the customer's tap on the card). */
  expanded?: boolean
  onTap?: () => void
}

/** The agent's card: insurer's full name, the agent's name, photo and licence number. */
export default function AgentCard({ agent, expanded, onTap }: Props) {
  const initial = Array.from(agent.name)[0] ?? '客'
  // A photo that fails to load shows the initial instead of a broken image.
  const [photoFailed, setPhotoFailed] = useState(false)
  return (
    <View className='agent-card' id='agent-card' onClick={onTap}>
      <View className='agent-card__company'>{agent.companyName}</View>
      <View className='agent-card__row'>
        {agent.photoUrl && !photoFailed ? (
          <Image className='agent-card__photo' src={absoluteImageUrl(agent.photoUrl)} mode='aspectFill' onError={() => setPhotoFailed(true)} />
        ) : (
          // No photo yet: a generated avatar, the initial on the agent's own colour (the same on the poster).
          <View className='agent-card__photo agent-card__photo--initial' style={{ background: avatarColour(agent.agentId || agent.name) }}>
            {initial}
          </View>
        )}
        <View className='agent-card__who'>
          <Text className='agent-card__name'>{agent.name}</Text>
          <Text className='agent-card__licence'>{agent.licenceNo ? `执业证号：${agent.licenceNo}` : '执业证号：待补充'}</Text>
        </View>
        {onTap && !expanded ? <Text className='agent-card__more'>查看名片 ›</Text> : null}
      </View>
      {expanded && agent.intro ? <View className='agent-card__intro'>{agent.intro}</View> : null}
    </View>
  )
}
