import {
  cellName,
  formatCountdown,
  formatDwell,
  formatFen,
  formatLiveTime,
  formatRelativeTime,
  maskPhone,
  parseYuanToFen,
  stageName,
  tagName,
  touchpointName,
} from '../../src/format'

// 2026-11-25 10:00 Beijing time
const NOW = Date.UTC(2026, 10, 25, 2, 0, 0)

describe('formatRelativeTime', () => {
  it.each([
    ['2026-11-25T01:59:30Z', '刚刚'],
    ['2026-11-25T01:55:00Z', '5分钟前'],
    ['2026-11-24T23:00:00Z', '3小时前'], // 07:00 Beijing, same day
    ['2026-11-24T00:05:00Z', '昨天 08:05'],
    ['2026-11-03T06:20:00Z', '11月3日 14:20'],
    ['2025-11-03T06:20:00Z', '2025年11月3日'],
    [null, ''],
    ['not a date', ''],
  ])('%s → %s', (iso, text) => {
    expect(formatRelativeTime(iso, NOW)).toBe(text)
  })
})

describe('formatDwell', () => {
  it.each([
    [0, '0秒'],
    [45_000, '45秒'],
    [192_000, '3分12秒'],
    [180_000, '3分钟'],
    [3_900_000, '1小时5分'],
    [7_200_000, '2小时'],
  ])('%i ms → %s', (ms, text) => expect(formatDwell(ms)).toBe(text))
})

describe('money', () => {
  it.each([
    [500000, '¥5,000'],
    [12345, '¥123.45'],
    [0, '¥0'],
    [null, '—'],
  ])('formatFen(%p) → %s', (fen, text) => expect(formatFen(fen)).toBe(text))

  it.each([
    ['5000', 500000],
    ['5,000', 500000],
    ['1.5万', 1500000],
    ['¥200元', 20000],
    ['12.345', null],
    ['abc', null],
    ['', null],
  ])('parseYuanToFen(%s) → %p', (text, fen) => expect(parseYuanToFen(text)).toBe(fen))
})

describe('names', () => {
  it('masks a phone', () => expect(maskPhone('13812341234')).toBe('138****1234'))
  it('names grid cells trust first', () => expect(cellName('high-low')).toBe('高信任·低意向'))
  it('names stages', () => expect(stageName(5)).toBe('唤醒需求'))
  it('names touchpoints', () => expect(touchpointName('read_complete')).toBe('读完'))
  it.each([
    ['need:critical_illness', '重疾'],
    ['stage:3', '有价值名单'],
    ['audience:unknown_code', 'unknown_code'],
  ])('tagName(%s) → %s', (tag, name) => expect(tagName(tag)).toBe(name))
  it('counts down to a live stream', () => {
    expect(formatCountdown(3_723_000)).toBe('01:02:03')
    expect(formatCountdown(2 * 86_400_000 + 5000)).toBe('2天 00:00:05')
    expect(formatCountdown(-5)).toBe('00:00:00')
  })

  it('a live\'s time gives the end\'s hour alone on the same day, the whole end on another, the start alone without an end (Beijing time)', () => {
    expect(formatLiveTime('2026-12-10T12:00:00Z', '2026-12-10T13:30:00Z')).toBe('12月10日 20:00–21:30')
    expect(formatLiveTime('2026-12-10T15:00:00Z', '2026-12-10T16:30:00Z')).toBe('12月10日 23:00–12月11日 00:30')
    expect(formatLiveTime('2026-12-10T12:00:00Z', null)).toBe('12月10日 20:00')
  })
})
