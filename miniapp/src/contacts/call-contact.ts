import Taro from '@tarojs/taro'
import { ApiError } from '../api/client'
import { api } from '../services'

/** What became of a call: dialled (or the dial sheet closed), or the contact has no phone yet. */
export type CallOutcome = 'dialled' | 'no_phone'

/**
 * 拨打 from the morning list or the contact page: the full number is fetched only now, for this
 * call, and the server audits that it was; then the phone's dialler opens. Cancelling the dial
 * sheet is not a failure.
 */
export async function callContact(contactId: string): Promise<CallOutcome> {
  let phone: string
  try {
    phone = (await api().revealPhone(contactId)).phone
  } catch (e) {
    if (e instanceof ApiError && e.code === 'no_phone') return 'no_phone'
    throw e
  }
  try {
    await Taro.makePhoneCall({ phoneNumber: phone })
  } catch (e) {
    if (!/cancel/i.test((e as Error).message)) throw e
  }
  return 'dialled'
}
