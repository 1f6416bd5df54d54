import { LEAD_NAME_MAX } from '@kejing/shared'
import { EMPTY_LEAD_FORM, phoneCodeFrom, PRIVACY_TEXT_VERSION, toLeadRequest, validateLeadForm } from '../../src/forms/lead-form'
import { devCodeFromUrl, resolveH5DevCode } from '../../src/platform/login-code'
import { createMemoryStorage } from '../../src/platform/ports'
import { sharePath } from '@kejing/shared'
import { readerEntry, shareUrl } from '../../src/share-path'
import { avatarColour, BRAND, drawPoster, POSTER_HEIGHT, POSTER_WIDTH, spacedPhone, wrapText } from '../../src/poster/draw-poster'
import { qrMatrix } from '../../src/poster/qr-matrix'
import { seededRandom } from '../helpers/fake-clock'

describe('lead form', () => {
  const filled = { ...EMPTY_LEAD_FORM, name: '王女士', phone: '13812341234', consent: true }

  it('starts with consent unticked, and refuses to submit without it', () => {
    expect(EMPTY_LEAD_FORM.consent).toBe(false)
    expect(validateLeadForm({ ...filled, consent: false })).toEqual({ consent: '请先阅读并勾选同意隐私说明' })
  })

  it.each([
    [{ name: '' }, 'name'],
    [{ name: '名'.repeat(LEAD_NAME_MAX + 1) }, 'name'],
    [{ phone: '12812341234' }, 'phone'],
    [{ phone: '1381234123' }, 'phone'],
    [{ budgetYuan: '很多' }, 'budgetYuan'],
  ])('flags %p', (patch, field) => {
    expect(Object.keys(validateLeadForm({ ...filled, ...patch }))).toEqual([field])
  })

  it('asks for a separate health consent when a health need is named', () => {
    expect(validateLeadForm({ ...filled, needs: ['critical_illness'] })).toEqual({
      healthConsent: '选择了医疗或重疾需求，请单独勾选同意，或取消这些选项',
    })
    const req = toLeadRequest({ ...filled, needs: ['medical'], healthConsent: true }, 's', 'id')
    expect(req.healthConsent).toEqual({ given: true, textVersion: 'lead-health-2026-11', purpose: '根据健康相关保障需求设计保险方案' })
    expect(toLeadRequest({ ...filled, needs: ['education'] }, 's', 'id')).not.toHaveProperty('healthConsent')
  })

  it('sends the WeChat phone code instead of a typed number, which it then does not need', () => {
    const withCode = { ...filled, phone: '', phoneCode: 'wx-code-1' }
    expect(validateLeadForm(withCode)).toEqual({})
    const req = toLeadRequest({ ...withCode, phone: '13812341234' }, 's', 'id')
    expect(req.phoneCode).toBe('wx-code-1')
    expect(req).not.toHaveProperty('phone')
    expect(toLeadRequest(filled, 's', 'id')).not.toHaveProperty('phoneCode')
    expect(validateLeadForm({ ...filled, phone: '' }, { weChatPhone: true })).toEqual({ phone: '请填写11位手机号，或使用微信手机号' })
    // H5 has no getPhoneNumber: the hint names only what can be done there.
    expect(validateLeadForm({ ...filled, phone: '' })).toEqual({ phone: '请填写11位手机号' })
  })

  it('reads the getPhoneNumber event: the code, or a reason to type the number instead', () => {
    expect(phoneCodeFrom({ code: 'abc', errMsg: 'getPhoneNumber:ok' })).toEqual({ code: 'abc' })
    expect(phoneCodeFrom({ errMsg: 'getPhoneNumber:fail user deny' })).toEqual({ refused: '未使用微信手机号，可手动填写' })
    expect(phoneCodeFrom({ errMsg: 'getPhoneNumber:fail no permission' })).toEqual({ refused: '暂时无法获取微信手机号，请手动填写' })
    expect(phoneCodeFrom(undefined)).toHaveProperty('refused')
  })

  it('builds the request with budget in fen and the consent text version', () => {
    const req = toLeadRequest({ ...filled, budgetYuan: '1.5万', insuredPerson: '子女', needs: ['education'] }, 'share-1', 'id-1')
    expect(req).toEqual({
      clientEventId: 'id-1',
      shareId: 'share-1',
      name: '王女士',
      phone: '13812341234',
      budgetFen: 1_500_000,
      insuredPerson: '子女',
      needs: ['education'],
      consent: { given: true, textVersion: PRIVACY_TEXT_VERSION, purpose: '保险咨询与方案建议' },
    })
  })
})

describe('share paths', () => {
  it('opens shares in the customer sub-package', () => {
    expect(sharePath('abc.def')).toBe('/customer/read/index?s=abc.def')
    expect(shareUrl('https://h5.example.com/', 'x')).toBe('https://h5.example.com/#/customer/read/index?s=x')
  })
})

describe('H5 dev login code', () => {
  it('reads devCode before or after the hash', () => {
    expect(devCodeFromUrl('http://h/?devCode=demo-agent-1#/pages/today/index')).toBe('demo-agent-1')
    expect(devCodeFromUrl('http://h/#/customer/read/index?s=1&devCode=c-2')).toBe('c-2')
    expect(devCodeFromUrl('http://h/#/pages/today/index')).toBeNull()
  })

  it('keeps one random customer code per browser, and notices a new devCode', () => {
    const storage = createMemoryStorage()
    const first = resolveH5DevCode('http://h/#/', storage, seededRandom())
    expect(first.code).toMatch(/^h5-[0-9a-f-]{36}$/)
    expect(resolveH5DevCode('http://h/#/', storage, seededRandom(9)).code).toBe(first.code)
    expect(resolveH5DevCode('http://h/?devCode=demo-agent-1#/', storage, seededRandom())).toEqual({ code: 'demo-agent-1', changed: true })
    expect(resolveH5DevCode('http://h/?devCode=demo-agent-1#/', storage, seededRandom())).toEqual({ code: 'demo-agent-1', changed: false })
  })
})

describe('poster', () => {
  const measure = (s: string) => Array.from(s).length * 10
  it('wraps Chinese text and ellipsises the last line', () => {
    expect(wrapText(measure, '一二三四五六七八九十', 40, 5)).toEqual(['一二三四', '五六七八', '九十'])
    expect(wrapText(measure, '一二三四五六七八九十', 40, 2)).toEqual(['一二三四', '五六七…'])
  })

  /** A canvas that records what was drawn on it. */
  function recordingCanvas() {
    const drawn = { texts: [] as { text: string; x: number; y: number }[], rects: 0, clips: 0, images: [] as { image: object; args: number[] }[] }
    const ctx = {
      fillStyle: '' as string,
      strokeStyle: '' as string,
      lineWidth: 1,
      font: '',
      textBaseline: 'top' as CanvasTextBaseline,
      fillRect: () => void drawn.rects++,
      fillText: (text: string, x: number, y: number) => void drawn.texts.push({ text, x, y }),
      measureText: (t: string) => ({ width: measure(t) }),
      beginPath: () => undefined,
      moveTo: () => undefined,
      lineTo: () => undefined,
      stroke: () => undefined,
      arc: () => undefined,
      fill: () => undefined,
      save: () => undefined,
      restore: () => undefined,
      clip: () => void drawn.clips++,
      drawImage: (image: object, ...args: number[]) => void drawn.images.push({ image, args }),
    }
    const texts = () => drawn.texts.map((t) => t.text)
    return { ctx, drawn, texts }
  }
  const agent = { agentId: 'a', name: '李娜', photoUrl: null, licenceNo: 'L123', companyName: '中国平安人寿保险股份有限公司', intro: null, personaTemplate: null }

  it('draws the brand, title, agent (name, phone, licence) and a scannable-size QR code, all inside the poster', () => {
    const { ctx, drawn, texts } = recordingCanvas()
    const qr = qrMatrix('https://h5.example.com/#/customer/read/index?s=abc')
    expect(qr.length).toBeGreaterThanOrEqual(21)
    drawPoster(ctx, { title: '重疾险怎么选', summary: '三分钟看懂', code: { kind: 'qr', modules: qr }, agent, phone: '13812345678' })
    expect(texts()).toEqual(expect.arrayContaining(['中国平安人寿保险股份有限公司', '重疾险怎么选', '三分钟看懂', '李娜', '电话 138 1234 5678', '执业证号', 'L123', '长按识别，阅读全文']))
    expect(texts().some((t) => t.startsWith(BRAND))).toBe(true)
    expect(drawn.rects).toBeGreaterThan(100)
    for (const t of drawn.texts) {
      expect(t.x).toBeGreaterThanOrEqual(0)
      expect(t.x + measure(t.text)).toBeLessThanOrEqual(POSTER_WIDTH)
      expect(t.y).toBeLessThan(POSTER_HEIGHT)
    }
  })

  it('fills the top with the cover (cropped to fit, never squashed) and the avatar with the photo in a circle', () => {
    const { ctx, drawn, texts } = recordingCanvas()
    const cover = { image: { src: 'cover' }, width: 750, height: 420 }
    const photo = { image: { src: 'photo' }, width: 240, height: 240 }
    drawPoster(ctx, { title: '重疾险怎么选', summary: null, code: { kind: 'qr', modules: [[true]] }, agent, cover, avatar: photo })
    const coverDraw = drawn.images.find((d) => d.image === cover.image)
    // Source rectangle of the same 600:338 shape as the box, centred in the 750 × 420 picture.
    const [sx, sy, sw, sh, , , w, h] = coverDraw?.args ?? []
    expect(w).toBe(POSTER_WIDTH)
    expect(sw / sh).toBeCloseTo(w / h, 5)
    expect(sx).toBeCloseTo((750 - sw) / 2, 5)
    expect(sy).toBeCloseTo((420 - sh) / 2, 5)
    expect(drawn.images.some((d) => d.image === photo.image)).toBe(true)
    expect(drawn.clips).toBe(1)
    // No initial drawn when the photo is there; no phone line when the agent keeps it private.
    expect(texts()).not.toContain('李')
    expect(texts().some((t) => t.startsWith('电话'))).toBe(false)
  })

  it('without cover or photo, draws a brand panel with the title and the initial on the agent\'s own colour', () => {
    const { ctx, texts } = recordingCanvas()
    drawPoster(ctx, { title: '重疾险怎么选', summary: null, code: { kind: 'qr', modules: [[true]] }, agent })
    expect(texts().filter((t) => t === '重疾险怎么选')).toHaveLength(2)
    expect(texts()).toContain('李')
    expect(avatarColour('a')).toBe(avatarColour('a'))
    expect(new Set(['a', 'b', 'c', 'd', 'e', 'f'].map(avatarColour)).size).toBeGreaterThan(1)
  })

  it('draws a mini program code image in the code square instead of QR modules', () => {
    const { ctx, drawn } = recordingCanvas()
    const code = { src: 'wxfile://tmp/code.png' }
    drawPoster(ctx, { title: '重疾险怎么选', summary: null, code: { kind: 'image', image: code }, agent: { ...agent, licenceNo: null } })
    expect(drawn.images).toEqual([{ image: code, args: [POSTER_WIDTH - 196 - 32, expect.any(Number), 196, 196] }])
    // Background panels and the initial's card, not the hundreds of QR modules.
    expect(drawn.rects).toBeLessThan(20)
  })

  it('spaces a mobile number as people read it', () => {
    expect(spacedPhone('13812345678')).toBe('138 1234 5678')
    expect(spacedPhone('021-12345678')).toBe('021-12345678')
  })
})

describe('how the reader was opened', () => {
  it('takes the share id from s, the scene of a scanned poster code (decoded), or neither', () => {
    expect(readerEntry({ s: 'abc.def' })).toEqual({ shareId: 'abc.def' })
    expect(readerEntry({ scene: '0123456789abcdef0123456789abcdef' })).toEqual({ scene: '0123456789abcdef0123456789abcdef' })
    expect(readerEntry({ scene: 'a%2Fb' })).toEqual({ scene: 'a/b' })
    expect(readerEntry({ scene: '%E0%A4%A' })).toEqual({ scene: '%E0%A4%A' })
    expect(readerEntry({ s: 'abc', scene: 'xyz' })).toEqual({ shareId: 'abc' })
    expect(readerEntry({})).toBeNull()
  })
})
