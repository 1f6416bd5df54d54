import { ERROR_MESSAGES_ZH } from '@kejing/shared'
import { fieldReasons, toApiError } from '../../src/api/client'

const answer = (status: number, data: unknown) => ({ status, headers: {}, data })

describe('an error answer reads in Chinese whoever sent it', () => {
  it('keeps the server\'s own Chinese message (it may name the contact)', () => {
    const e = toApiError(answer(409, { error: { code: 'duplicate_phone', message: '该手机号已在客户「李总」名下' } }))
    expect(e).toMatchObject({ status: 409, code: 'duplicate_phone', message: '该手机号已在客户「李总」名下' })
  })

  it('puts shared\'s message for the code in place of an English one (an older server)', () => {
    const e = toApiError(answer(400, { error: { code: 'invite_code_invalid', message: 'the invite code is unknown, used or expired' } }))
    expect(e.message).toBe(ERROR_MESSAGES_ZH.invite_code_invalid)
  })

  it.each([
    [401, '登录已失效'], [403, '没有权限'], [404, '没有找到'], [429, '太频繁'], [502, '暂时不可用'],
  ])('answers a %i without a known code by its status, in Chinese', (status, words) => {
    const e = toApiError(answer(status, '<html>Bad Gateway</html>'))
    expect(e.code).toBe(`http_${status}`)
    expect(e.message).toContain(words)
  })

  it('names each field in Chinese and hands the reasons to the form by field', () => {
    const e = toApiError(answer(400, { error: { code: 'field_invalid', message: '手机号：请填写 11 位中国大陆手机号', details: [
      { field: 'phones.1.phone', reason: '请填写 11 位中国大陆手机号' },
      { field: 'inviteCode', reason: '邀请码不正确、已使用或已过期', label: '邀请码' },
    ] } }))
    expect(e.details.map((d) => d.label)).toEqual(['手机号', '邀请码'])
    expect(fieldReasons(e)).toEqual({ phone: '请填写 11 位中国大陆手机号', inviteCode: '邀请码不正确、已使用或已过期' })
  })
})
