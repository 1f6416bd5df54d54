import type { RadarItemView } from '@kejing/shared'
import { mergeRadar } from '../../src/radar/merge-radar'

const item = (shareId: string, contactId: string, openedAt: string, maxDepthPct = 10): RadarItemView => ({
  contactId,
  contactName: contactId,
  shareId,
  channel: 'friend',
  forwarded: false,
  contentTitle: 't',
  openedAt,
  maxDepthPct,
  dwellMs: 0,
  nextActions: [],
})

describe('mergeRadar', () => {
  it('replaces a row whose reader read further and keeps newest first', () => {
    const current = [item('s1', 'a', '2026-11-25T02:00:00Z', 20), item('s2', 'b', '2026-11-25T01:00:00Z')]
    const merged = mergeRadar(current, [item('s1', 'a', '2026-11-25T02:00:00Z', 80), item('s3', 'c', '2026-11-25T03:00:00Z')])
    expect(merged.map((r) => [r.shareId, r.maxDepthPct])).toEqual([
      ['s3', 10],
      ['s1', 80],
      ['s2', 10],
    ])
  })

  it('keeps at most maxItems', () => {
    const many = Array.from({ length: 10 }, (_, i) => item(`s${i}`, 'a', new Date(Date.UTC(2026, 10, 25, i)).toISOString()))
    expect(mergeRadar([], many, 3).map((r) => r.shareId)).toEqual(['s9', 's8', 's7'])
  })
})
