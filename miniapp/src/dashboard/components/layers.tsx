import { View } from '@tarojs/components'
import type { AgentLayerCode } from '@kejing/shared'
import { layerRows } from '../../metrics/team'

/** Agents per layer: 不触网 / 触网 / 深度触网. */
export default function Layers({ layers }: { layers: Record<AgentLayerCode, number> }) {
  return (
    <View className='layer-chips'>
      {layerRows(layers).map((l) => (
        <View key={l.layer} className='layer-chip'>
          <View className='layer-chip__count'>{l.count}</View>
          <View className='layer-chip__name'>
            {l.name} · {l.pct}
          </View>
        </View>
      ))}
    </View>
  )
}
