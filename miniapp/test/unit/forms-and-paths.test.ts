import { LEAD_NAME_MAX } from '@kejing/shared'
import { EMPTY_LEAD_FORM, phoneCodeFrom, PRIVACY_TEXT_VERSION, toLeadRequest, validateLeadForm } from '../../src/forms/lead-form'
import { devCodeFromUrl, resolveH5DevCode } from '../../src/platform/login-code'
import { createMemoryStorage } from '../../src/platform/ports'
import { sharePath } from '@kejing/shared'
import { readerEntry, shareUrl } from '../../src/share-path'
import { drawPoster, wrapText } from '../../src/poster/draw-poster'
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
    const drawn = { texts: [] as string[], rects: 0, images: [] as { image: object; x: number; y: number; w: number; h: number }[] }
    const ctx = {
      fillStyle: '',
      font: '',
      textBaseline: 'top' as CanvasTextBaseline,
      fillRect: () => void drawn.rects++,
      fillText: (t: string) => void drawn.texts.push(t),
      measureText: (t: string) => ({ width: measure(t) }),
      beginPath: () => undefined,
      arc: () => undefined,
      fill: () => undefined,
      drawImage: (image: object, x: number, y: number, w: number, h: number) => void drawn.images.push({ image, x, y, w, h }),
    }
    return { ctx, drawn }
  }

  it('draws the agent card and a scannable-size QR code', () => {
    const { ctx, drawn } = recordingCanvas()
    const qr = qrMatrix('https://h5.example.com/#/customer/read/index?s=abc')
    expect(qr.length).toBeGreaterThanOrEqual(21)
    drawPoster(ctx, {
      title: '重疾险怎么选',
      summary: '三分钟看懂',
      code: { kind: 'qr', modules: qr },
      agent: { agentId: 'a', name: '李娜', photoUrl: null, licenceNo: 'L123', companyName: '中国平安人寿保险股份有限公司', intro: null, personaTemplate: null },
    })
    expect(drawn.texts).toEqual(expect.arrayContaining(['重疾险怎么选', '李娜', '执业证号', 'L123', '长按识别，阅读全文']))
    expect(drawn.rects).toBeGreaterThan(100)
  })

  it('draws a mini program code image in the code square instead of QR modules', () => {
    const { ctx, drawn } = recordingCanvas()
    const code = { src: 'wxfile://tmp/code.png' }
    drawPoster(ctx, {
      title: '重疾险怎么选',
      summary: null,
      code: { kind: 'image', image: code },
      agent: { agentId: 'a', name: '李娜', photoUrl: null, licenceNo: null, companyName: '中国平安', intro: null, personaTemplate: null },
    })
    expect(drawn.images).toEqual([{ image: code, x: 600 - 200 - 30, y: expect.any(Number), w: 200, h: 200 }])
    // A handful of background and card rectangles, not the hundreds of QR modules.
    expect(drawn.rects).toBeLessThan(20)
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
