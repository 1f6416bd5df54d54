import { ApiError, failureText } from '../../src/api/client'

describe('what a failed action tells the person', () => {
  it('is the server’s reason when it gave one', () => {
    expect(failureText(new ApiError(400, 'validation_failed', '手机号：格式不对', []), '没能保存')).toBe('手机号：格式不对')
  })

  it('is the action’s own words when the error has none, is blank, or is not an error at all', () => {
    expect(failureText(new Error(''), '没能保存，请稍后再试')).toBe('没能保存，请稍后再试')
    expect(failureText(new Error('   '), '没能保存，请稍后再试')).toBe('没能保存，请稍后再试')
    expect(failureText({ errMsg: 'request:fail' }, '导入失败')).toBe('导入失败')
    expect(failureText(null, '导入失败')).toBe('导入失败')
    expect(failureText(undefined, '导入失败')).toBe('导入失败')
  })
})
