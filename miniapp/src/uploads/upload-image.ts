import Taro from '@tarojs/taro'
import type { UploadedImageView } from '@kejing/shared'
import { getApi } from '../services'

/** The server refuses more; checking first saves the agent an upload that would fail. */
export const IMAGE_MAX_BYTES = 2 * 1024 * 1024

export { absoluteImageUrl } from './image-url'

/**
 * Lets the agent pick one photo (album or camera) and uploads it with Taro.uploadFile (multipart,
 * field "file"); on H5 Taro's chooseImage is a file input. null when the agent cancels.
 */
export async function chooseAndUploadImage(): Promise<UploadedImageView | null> {
  let chosen: Taro.chooseImage.SuccessCallbackResult
  try {
    chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
  } catch {
    return null
  }
  const file = chosen.tempFiles?.[0]
  const path = file?.path ?? chosen.tempFilePaths[0]
  if (!path) return null
  if (file && file.size > IMAGE_MAX_BYTES) throw new Error('图片不能超过 2 MB')
  const session = await getApi().ensureSession()
  const res = await Taro.uploadFile({ url: `${KEJING_API_BASE}/api/uploads`, filePath: path, name: 'file', header: { Authorization: `Bearer ${session.token}` } })
  let body: unknown = res.data
  try {
    body = typeof res.data === 'string' ? JSON.parse(res.data) : res.data
  } catch {
    // not JSON: reported below by status
  }
  if (res.statusCode !== 201) {
    const reason = (body as { error?: { details?: { reason?: string }[]; message?: string } } | null)?.error?.details?.[0]?.reason
    throw new Error(reason ?? '上传失败，请重试')
  }
  return body as UploadedImageView
}
