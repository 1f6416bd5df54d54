import type { AgentCardView } from '@kejing/shared'

/** The part of CanvasRenderingContext2D the poster uses (wx canvas 2d and the browser both have it). */
export interface PosterContext {
  fillStyle: string | CanvasGradient | CanvasPattern
  font: string
  textBaseline: CanvasTextBaseline
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
  beginPath(): void
  arc(x: number, y: number, r: number, start: number, end: number): void
  fill(): void
  drawImage(image: PosterImage, x: number, y: number, w: number, h: number): void
}

/** A loaded image the canvas can draw: an HTMLImageElement on H5, a canvas.createImage() image on weapp. */
export type PosterImage = object

/**
 * The square that leads a reader to the content: a mini program code image (weapp, from the
 * server: scanning it opens the mini program) or the QR modules of the H5 link.
 */
export type PosterCode = { kind: 'image'; image: PosterImage } | { kind: 'qr'; modules: boolean[][] }

export interface PosterData {
  title: string
  summary: string | null
  agent: AgentCardView
  code: PosterCode
}

export const POSTER_WIDTH = 600
export const POSTER_HEIGHT = 900
const FONT = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif'

/** Greedy line breaking for CJK (any character may break); the last line gets "…" if cut. */
export function wrapText(measure: (s: string) => number, text: string, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = []
  let line = ''
  const chars = Array.from(text.replace(/\s+/g, ' ').trim())
  for (let i = 0; i < chars.length; i++) {
    const next = line + chars[i]
    if (measure(next) > maxWidth && line) {
      lines.push(line)
      line = chars[i]
      if (lines.length === maxLines) {
        let last = lines[maxLines - 1]
        while (last && measure(last + '…') > maxWidth) last = last.slice(0, -1)
        lines[maxLines - 1] = last + '…'
        return lines
      }
    } else {
      line = next
    }
  }
  if (line) lines.push(line)
  return lines
}

/** Draws the share poster: title and summary, the agent's card, and the QR code to the share. */
export function drawPoster(ctx: PosterContext, data: PosterData): void {
  const W = POSTER_WIDTH
  const H = POSTER_HEIGHT
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, W, H)
  ctx.fillStyle = '#c8102e'
  ctx.fillRect(0, 0, W, 200)
  ctx.textBaseline = 'top'
  ctx.fillStyle = '#ffffff'
  ctx.font = `bold 26px ${FONT}`
  ctx.fillText(data.agent.companyName, 40, 40)
  ctx.font = `20px ${FONT}`
  ctx.fillText('专属顾问为您推荐', 40, 84)

  ctx.fillStyle = '#1f1f1f'
  ctx.font = `bold 36px ${FONT}`
  let y = 240
  for (const line of wrapText((s) => ctx.measureText(s).width, data.title, W - 80, 3)) {
    ctx.fillText(line, 40, y)
    y += 50
  }
  if (data.summary) {
    ctx.fillStyle = '#666666'
    ctx.font = `24px ${FONT}`
    y += 10
    for (const line of wrapText((s) => ctx.measureText(s).width, data.summary, W - 80, 4)) {
      ctx.fillText(line, 40, y)
      y += 36
    }
  }

  // Card at the foot: avatar initial, name, licence; QR on the right.
  const footY = H - 260
  ctx.fillStyle = '#f5f5f5'
  ctx.fillRect(0, footY, W, 260)
  ctx.fillStyle = '#c8102e'
  ctx.beginPath()
  ctx.arc(90, footY + 80, 46, 0, Math.PI * 2)
  ctx.fill()
  ctx.fillStyle = '#ffffff'
  ctx.font = `bold 40px ${FONT}`
  const initial = Array.from(data.agent.name)[0] ?? '客'
  ctx.fillText(initial, 90 - ctx.measureText(initial).width / 2, footY + 58)
  ctx.fillStyle = '#1f1f1f'
  ctx.font = `bold 30px ${FONT}`
  ctx.fillText(data.agent.name, 156, footY + 44)
  ctx.fillStyle = '#666666'
  ctx.font = `20px ${FONT}`
  // Label and number on two lines: a 20-digit licence number must not run under the QR code.
  if (data.agent.licenceNo) {
    ctx.fillText('执业证号', 156, footY + 88)
    ctx.fillText(data.agent.licenceNo, 156, footY + 114)
  } else {
    ctx.fillText('持证保险顾问', 156, footY + 88)
  }
  const company = wrapText((s) => ctx.measureText(s).width, data.agent.companyName, 300, 2)
  company.forEach((line, i) => ctx.fillText(line, 40, footY + 170 + i * 30))

  const size = 200
  const qx = W - size - 30
  const qy = footY + 20
  if (data.code.kind === 'image') {
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(qx, qy, size, size)
    ctx.drawImage(data.code.image, qx, qy, size, size)
  } else {
    drawQr(ctx, data.code.modules, qx, qy, size)
  }
  ctx.fillStyle = '#999999'
  ctx.font = `18px ${FONT}`
  const hint = '长按识别，阅读全文'
  ctx.fillText(hint, qx + (size - ctx.measureText(hint).width) / 2, qy + size + 8)
}

export function drawQr(ctx: PosterContext, modules: boolean[][], x: number, y: number, size: number): void {
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(x, y, size, size)
  const n = modules.length
  if (n === 0) return
  const quiet = 2
  const cell = size / (n + quiet * 2)
  ctx.fillStyle = '#000000'
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (modules[r][c]) ctx.fillRect(x + (c + quiet) * cell, y + (r + quiet) * cell, Math.ceil(cell), Math.ceil(cell))
    }
  }
}
