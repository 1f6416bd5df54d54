import Taro from '@tarojs/taro'

/**
 * A form's answer to its own check: the errors go beside their fields, and the first one is also
 * said in a toast (on a long form the field may be off screen). True when there is none.
 */
export function passesCheck(errors: Record<string, string | undefined>, show: (errors: Record<string, string | undefined>) => void): boolean {
  show(errors)
  const first = Object.values(errors).find((message) => message)
  if (!first) return true
  void Taro.showToast({ title: first, icon: 'none' })
  return false
}
