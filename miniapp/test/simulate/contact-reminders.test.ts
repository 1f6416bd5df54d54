import type { TaskView } from '@kejing/shared'
import { json, loadPage, type Harness } from './harness'
import { agentSession } from './fixtures'
import { wangJie } from './contact-fixtures'

const CN = 8 * 3600_000
const tomorrowNine = () => new Date(Math.floor((Date.now() + CN) / 86_400_000) * 86_400_000 + 86_400_000 + 9 * 3600_000 - CN).toISOString()

describe('the contact page\'s 提醒 (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  let reminders: TaskView[] = []
  const created: unknown[] = []
  const cancelled: string[] = []
  const modals: string[] = []
  beforeAll(async () => {
    const wx = (global as any).wx
    wx.showModal = (opts: any) => {
      modals.push(`${opts.title}|${opts.content}`)
      setTimeout(() => opts?.success?.({ confirm: true, cancel: false, errMsg: 'showModal:ok' }), 0)
    }
    h = await loadPage('agent/contact/index', { id: 'c1' }, {
      'POST /api/auth/login': () => json(agentSession),
      'GET /api/contacts/c1': () => json(wangJie),
      'GET /api/contacts/c1/deal-index': () => json({ error: { code: 'not_found', message: '不存在' } }, 404),
      'GET /api/contacts/c1/reminders': () => json(reminders),
      'POST /api/reminders': (req) => {
        created.push(req.data)
        const body = req.data as { note: string; dueAt: string; repeat?: TaskView['repeat']; channel: TaskView['channel'] }
        const task: TaskView = {
          taskId: 'r1', contactId: 'c1', contactName: '王姐', cell: 'mid-mid', stage: 3, action: body.note, channel: body.channel, suggestedMessage: '王姐您好，',
          dueAt: body.dueAt, priority: 2, status: 'scheduled', because: [], origin: 'reminder', note: body.note, repeat: body.repeat ?? null,
        }
        reminders = [task]
        return json(task, 201)
      },
      'DELETE /api/reminders/r1': (req) => {
        cancelled.push(req.url)
        reminders = []
        return json(null, 204)
      },
    })
    await h.flush(200)
  })
  afterAll(() => h.unload())

  it('says there is no reminder yet, and ＋ 设提醒 opens the sheet for this contact', async () => {
    expect(h.page.querySelector('#contact-reminders')?.dom.textContent).toContain('还没有提醒')
    await h.tap('#reminder-add')
    expect(h.page.querySelector('#reminder-sheet')).toBeTruthy()
  })

  it('saves a monthly reminder for tomorrow 09:00 and lists it with its time, repeat and channel', async () => {
    const monthly = h.page.querySelectorAll('#reminder-sheet .chip').find((c: any) => c.dom.textContent === '每月')
    monthly?.dispatchEvent('tap')
    await h.flush()
    h.page.querySelector('#reminder-note')?.dispatchEvent('input', { detail: { value: '生日前一周准备小礼物' } })
    await h.flush()
    await h.tap('#reminder-save')
    await h.flush(150)
    expect(created).toEqual([{ contactId: 'c1', dueAt: tomorrowNine(), note: '生日前一周准备小礼物', channel: 'call', repeat: 'monthly' }])
    expect(h.page.querySelector('#reminder-sheet')).toBeFalsy()
    expect(h.page.querySelector('#reminder-r1')?.dom.textContent).toContain('生日前一周准备小礼物')
    expect(h.page.querySelector('#reminder-r1')?.dom.textContent).toContain('明天 09:00 · 每月 · 打电话')
  })

  it('取消 asks first, saying the repeats go too, then removes it', async () => {
    await h.tap('#reminder-cancel-r1')
    await h.flush(150)
    expect(modals.at(-1)).toContain('取消这个提醒？')
    expect(modals.at(-1)).toContain('以后的重复也一并取消')
    expect(cancelled).toEqual(['/api/reminders/r1'])
    expect(h.page.querySelector('#reminder-r1')).toBeFalsy()
  })
})
