import type { AgentCardView } from '@kejing/shared'

/** The part of CanvasRenderingContext2D the poster uses (wx canvas 2d and the browser both have it). */
export interface PosterContext {
  fillStyle: string | CanvasGradient | CanvasPattern
  strokeStyle: string | CanvasGradient | CanvasPattern
  lineWidth: number
  font: string
  textBaseline: CanvasTextBaseline
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  stroke(): void
  arc(x: number, y: number, r: number, start: number, end: number): void
  fill(): void
  save(): void
  restore(): void
  clip(): void
  drawImage(image: PosterImage, x: number, y: number, w: number, h: number): void
  drawImage(image: PosterImage, sx: number, sy: number, sw: number, sh: number, x: number, y: number, w: number, h: number): void
}

/** A loaded image the canvas can draw: an HTMLImageElement on H5, a canvas.createImage() image on weapp. */
export type PosterImage = object

/** A loaded picture with its natural size, so it can fill its box without being squashed. */
export interface PosterPicture {
  image: PosterImage
  width: number
  height: number
}

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
  /** The content's cover; without one the poster draws a brand panel with the title's need. */
  cover?: PosterPicture | null
  /** The agent's photo; without one, their initial on their colour (as on the card). */
  avatar?: PosterPicture | null
  /** The agent's phone, only when they chose to show it to customers. */
  phone?: string | null
}

export const POSTER_WIDTH = 600
export const POSTER_HEIGHT = 1000
export const BRAND = '客经'
const RED = '#c8102e'
const FONT = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif'

/** Colours a generated avatar may take: calm, readable under white text, never the brand red twice in a row. */
export const AVATAR_COLOURS = ['#c8102e', '#2f7d6d', '#3b5bab', '#b7791f', '#7a4fb5', '#1f7fa3', '#b3475f', '#4d7a2f'] as const

/** The colour of someone's generated avatar: the same person always gets the same one. */
export function avatarColour(seed: string): string {
  let hash = 0
  for (const ch of seed) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length]
}

/** "13812345678" as people read it: 138 1234 5678 (other numbers as given). */
export function spacedPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '')
  return /^1\d{10}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}` : phone
}

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

/** Draws a picture to fill a box, cropping the middle like <Image mode="aspectFill">. */
function drawCover(ctx: PosterContext, pic: PosterPicture, x: number, y: number, w: number, h: number): void {
  const scale = Math.max(w / pic.width, h / pic.height)
  const sw = w / scale
  const sh = h / scale
  ctx.drawImage(pic.image, (pic.width - sw) / 2, (pic.height - sh) / 2, sw, sh, x, y, w, h)
}

const COVER_Y = 72
const COVER_H = 338

/**
 * Draws the share poster, top to bottom: the brand bar (company), the cover, the title and
 * summary, then the agent's strip (photo, name, phone, licence) beside the code to scan, and the
 * brand line at the foot. Every part has its place whether or not the optional pictures loaded,
 * so the poster is never half empty.
 */
export function drawPoster(ctx: PosterContext, data: PosterData): void {
  const W = POSTER_WIDTH
  const H = POSTER_HEIGHT
  const measure = (s: string) => ctx.measureText(s).width
  ctx.textBaseline = 'top'
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, W, H)

  // Brand bar: the insurer's name (customers trust the company first) and why they got this.
  ctx.fillStyle = RED
  ctx.fillRect(0, 0, W, COVER_Y)
  ctx.fillStyle = '#ffffff'
  ctx.font = `bold 24px ${FONT}`
  const company = wrapText(measure, data.agent.companyName, W - 200, 1)[0] ?? ''
  ctx.fillText(company, 32, 22)
  ctx.font = `18px ${FONT}`
  const why = '专属顾问推荐'
  ctx.fillText(why, W - 32 - measure(why), 26)

  // Cover, or a brand panel with the title's first words when there is none.
  if (data.cover) {
    drawCover(ctx, data.cover, 0, COVER_Y, W, COVER_H)
  } else {
    ctx.fillStyle = '#fbe9ec'
    ctx.fillRect(0, COVER_Y, W, COVER_H)
    ctx.fillStyle = RED
    ctx.beginPath()
    ctx.arc(W - 90, COVER_Y + 80, 120, 0, Math.PI * 2)
    ctx.fill()
    ctx.fillStyle = '#f4c7cf'
    ctx.beginPath()
    ctx.arc(80, COVER_Y + COVER_H - 40, 90, 0, Math.PI * 2)
    ctx.fill()
    ctx.fillStyle = RED
    ctx.font = `bold 56px ${FONT}`
    const lines = wrapText(measure, data.title, W - 160, 2)
    lines.forEach((line, i) => ctx.fillText(line, 48, COVER_Y + COVER_H / 2 - lines.length * 36 + i * 72))
  }

  // Title and summary.
  let y = COVER_Y + COVER_H + 32
  ctx.fillStyle = '#1f1f1f'
  ctx.font = `bold 36px ${FONT}`
  for (const line of wrapText(measure, data.title, W - 64, 2)) {
    ctx.fillText(line, 32, y)
    y += 50
  }
  if (data.summary) {
    ctx.fillStyle = '#666666'
    ctx.font = `24px ${FONT}`
    y += 6
    for (const line of wrapText(measure, data.summary, W - 64, 2)) {
      ctx.fillText(line, 32, y)
      y += 36
    }
  }

  // The agent's strip and the code, on a tinted panel with a dashed tear line above it.
  const footY = H - 330
  ctx.fillStyle = '#fff6f4'
  ctx.fillRect(0, footY, W, H - footY)
  ctx.strokeStyle = '#e8c9c9'
  ctx.lineWidth = 2
  for (let x = 32; x < W - 32; x += 16) {
    ctx.beginPath()
    ctx.moveTo(x, footY)
    ctx.lineTo(x + 8, footY)
    ctx.stroke()
  }

  const size = 196
  const qx = W - size - 32
  const qy = footY + 36
  // Avatar: the photo in a circle, else the initial on the agent's colour.
  const ax = 32 + 48
  const ay = footY + 36 + 48
  if (data.avatar) {
    ctx.save()
    ctx.beginPath()
    ctx.arc(ax, ay, 48, 0, Math.PI * 2)
    ctx.clip()
    drawCover(ctx, data.avatar, ax - 48, ay - 48, 96, 96)
    ctx.restore()
  } else {
    ctx.fillStyle = avatarColour(data.agent.agentId || data.agent.name)
    ctx.beginPath()
    ctx.arc(ax, ay, 48, 0, Math.PI * 2)
    ctx.fill()
    ctx.fillStyle = '#ffffff'
    ctx.font = `bold 42px ${FONT}`
    const initial = Array.from(data.agent.name)[0] ?? '客'
    ctx.fillText(initial, ax - measure(initial) / 2, ay - 24)
  }
  const textX = 32
  const textW = qx - textX - 20
  let ty = ay + 64
  ctx.fillStyle = '#1f1f1f'
  ctx.font = `bold 32px ${FONT}`
  ctx.fillText(wrapText(measure, data.agent.name, textW, 1)[0] ?? '', textX, ty)
  ty += 46
  ctx.font = `22px ${FONT}`
  if (data.phone) {
    ctx.fillStyle = RED
    ctx.fillText(`电话 ${spacedPhone(data.phone)}`, textX, ty)
    ty += 34
  }
  ctx.fillStyle = '#888888'
  ctx.font = `18px ${FONT}`
  // Label and number on two lines: a 20-digit licence number must not run under the code.
  if (data.agent.licenceNo) {
    ctx.fillText('执业证号', textX, ty)
    ctx.fillText(wrapText(measure, data.agent.licenceNo, textW, 1)[0] ?? '', textX, ty + 24)
  } else {
    ctx.fillText('持证保险顾问', textX, ty)
  }

  if (data.code.kind === 'image') {
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(qx, qy, size, size)
    ctx.drawImage(data.code.image, qx, qy, size, size)
  } else {
    drawQr(ctx, data.code.modules, qx, qy, size)
  }
  ctx.fillStyle = '#666666'
  ctx.font = `18px ${FONT}`
  const hint = '长按识别，阅读全文'
  ctx.fillText(hint, qx + (size - measure(hint)) / 2, qy + size + 12)

  // Brand line at the foot.
  ctx.fillStyle = '#aaaaaa'
  ctx.font = `16px ${FONT}`
  const brand = `${BRAND} · 专业保障，用心服务`
  ctx.fillText(brand, (W - measure(brand)) / 2, H - 36)
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
