import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './index.css'

/** A sheet from the bottom over a dimmed page: tapping outside or 取消 closes it. */
export default function BottomSheet({ id, title, onClose, children }: { id: string; title: string; onClose: () => void; children: ReactNode }) {
  return (
    <View className='sheet' id={id} catchMove>
      <View className='sheet__mask' onClick={onClose} />
      <View className='sheet__panel'>
        <View className='sheet__head'>
          <Text className='sheet__title'>{title}</Text>
          <Text className='sheet__close' id={`${id}-close`} onClick={onClose}>
            取消
          </Text>
        </View>
        <View className='sheet__body'>{children}</View>
      </View>
    </View>
  )
}
