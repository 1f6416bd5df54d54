import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { track } from '../reader-services'

const SCORES = Array.from({ length: 11 }, (_, i) => i)

/**
 * 推荐评分 (NPS): asked after the agent served the reader (the server says when). The answer is a
 * touchpoint like any other, through the queue, so it is sent once even offline.
 */
export default function NpsQuestion({ shareId, agentName }: { shareId: string; agentName: string }) {
  const [answered, setAnswered] = useState<number | null>(null)
  if (answered !== null) {
    return (
      <View className='nps' id='nps-thanks'>
        <View className='nps__title'>谢谢您的评价！</View>
        <View className='muted'>{answered >= 9 ? '如果身边有朋友也需要，欢迎把我推荐给他们。' : '您的意见我会认真对待，继续做好服务。'}</View>
      </View>
    )
  }
  return (
    <View className='nps' id='nps'>
      <View className='nps__title'>您有多大可能把{agentName || '我'}推荐给朋友？</View>
      <View className='nps__scale'>
        {SCORES.map((score) => (
          <Text
            key={score}
            id={`nps-${score}`}
            className='nps__score'
            onClick={() => {
              track({ type: 'nps_answer', shareId, npsScore: score })
              setAnswered(score)
            }}
          >
            {score}
          </Text>
        ))}
      </View>
      <View className='nps__ends muted'>
        <Text>不可能</Text>
        <Text>非常可能</Text>
      </View>
    </View>
  )
}
