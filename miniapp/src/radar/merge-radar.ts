import type { RadarItemView } from '@kejing/shared'

export const radarKey = (item: RadarItemView) => `${item.shareId}|${item.contactId}`

/**
 * New radar rows replace the old rows for the same share and contact (read depth grows while
 * the customer reads), then everything is ordered newest first. Kept to maxItems.
 */
export function mergeRadar(current: RadarItemView[], incoming: RadarItemView[], maxItems = 200): RadarItemView[] {
  const byKey = new Map<string, RadarItemView>()
  for (const item of current) byKey.set(radarKey(item), item)
  for (const item of incoming) byKey.set(radarKey(item), item)
  return [...byKey.values()]
    .sort((a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt))
    .slice(0, maxItems)
}
