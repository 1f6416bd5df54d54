import { Button, View } from '@tarojs/components'
import './index.css'

interface Props {
  loading?: boolean
  error?: string | null
  empty?: boolean
  emptyText?: string
  onRetry?: () => void
}

/** Loading, error (with retry) and empty states in one place; renders nothing otherwise. */
export default function StateView({ loading, error, empty, emptyText, onRetry }: Props) {
  if (error) {
    return (
      <View className='state-view state-view--error'>
        <View>{error}</View>
        {onRetry ? (
          <Button className='state-view__retry' size='mini' onClick={onRetry}>
            重试
          </Button>
        ) : null}
      </View>
    )
  }
  if (loading) return <View className='state-view'>加载中…</View>
  if (empty) return <View className='state-view'>{emptyText ?? '暂无内容'}</View>
  return null
}
