/**
 * The first-open notice on a shared article: what is recorded and why, shown once per customer.
 * Remembered on the device (wx storage is kept per WeChat user and mini program), so it is not
 * shown again after 知道了; a new text version shows once more.
 */
import type { KeyValueStorage } from '../platform/ports'

/** Bump when the text below changes in substance: everyone sees it once again. */
export const PRIVACY_NOTICE_VERSION = 'reading-2026-12'
const KEY = 'kejing.privacyNotice'

export const PRIVACY_NOTICE = {
  title: '关于您的阅读记录',
  body: (agentName: string) =>
    `为了让顾问${agentName}更懂您关心什么，我们会记录您在这里的阅读：是否打开、读到多少、停留多久，以及转发、咨询和您主动留下的信息。` +
    '不会读取您的微信聊天、通讯录或位置。您可以随时在“我的信息”里查看、导出或删除这些记录，也可以选择不再接收个性化跟进。',
}

export const shouldShowPrivacyNotice = (storage: KeyValueStorage): boolean => storage.getItem(KEY) !== PRIVACY_NOTICE_VERSION
export const rememberPrivacyNoticeSeen = (storage: KeyValueStorage): void => storage.setItem(KEY, PRIVACY_NOTICE_VERSION)
