import Taro from '@tarojs/taro'
import { drawPoster, POSTER_HEIGHT, POSTER_WIDTH, type PosterCode, type PosterContext, type PosterData, type PosterPicture } from '../../poster/draw-poster'
import { qrMatrix } from '../../poster/qr-matrix'
import { getApi } from '../../services'
import { absoluteImageUrl } from '../../uploads/upload-image'

/** What the poster says apart from its code, with the pictures as URLs (loaded here). */
export type PosterText = Omit<PosterData, 'code' | 'cover' | 'avatar'> & { coverUrl: string | null; photoUrl: string | null }

/**
 * The mini program code for a share, as a temp file: the server asks WeChat for it (only the
 * share's agent may). The download domain must be in the mini program's downloadFile list.
 */
async function downloadShareCode(shareId: string): Promise<string> {
  const session = await getApi().ensureSession()
  const res = await Taro.downloadFile({
    url: `${KEJING_API_BASE}/api/shares/${encodeURIComponent(shareId)}/poster-code`,
    header: { Authorization: `Bearer ${session.token}` },
  })
  if (res.statusCode !== 200) throw new Error('小程序码生成失败，请稍后再试')
  return res.tempFilePath
}

function loadImage(image: Taro.Image, src: string): Promise<Taro.Image> {
  return new Promise((resolve, reject) => {
    image.onload = () => resolve(image)
    image.onerror = () => reject(new Error('小程序码加载失败'))
    image.src = src
  })
}

type NaturalImage = { width: number; height: number; naturalWidth?: number; naturalHeight?: number }

/**
 * A cover or photo for the poster, or null when it cannot load: the poster then draws its own
 * panel or the initial, rather than failing the agent's share. On H5 the image is asked for with
 * CORS, so a picture from another host that does not allow it is skipped instead of tainting the canvas.
 */
async function loadPicture(make: () => Taro.Image | HTMLImageElement, url: string | null): Promise<PosterPicture | null> {
  if (!url) return null
  try {
    const image = make()
    if (process.env.TARO_ENV === 'h5') (image as HTMLImageElement).crossOrigin = 'anonymous'
    const loaded = (await loadImage(image as Taro.Image, absoluteImageUrl(url))) as unknown as NaturalImage
    const width = loaded.naturalWidth || loaded.width
    const height = loaded.naturalHeight || loaded.height
    return width > 0 && height > 0 ? { image: loaded as object, width, height } : null
  } catch {
    return null
  }
}

/**
 * Renders a share's poster and returns an image src: on weapp a temp file with the share's mini
 * program code (scanning it opens the reader in the mini program); on H5 a data URL with a QR
 * code of the H5 link (a browser has no mini program to open).
 */
export async function renderPoster(text: PosterText, shareId: string, h5Link: string, canvasSelector: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const canvas = document.createElement('canvas')
    canvas.width = POSTER_WIDTH
    canvas.height = POSTER_HEIGHT
    const [cover, avatar] = await Promise.all([loadPicture(() => new Image(), text.coverUrl), loadPicture(() => new Image(), text.photoUrl)])
    drawPoster(canvas.getContext('2d') as unknown as PosterContext, { ...text, cover, avatar, code: { kind: 'qr', modules: qrMatrix(h5Link) } })
    return canvas.toDataURL('image/png')
  }
  const [node, codeFile] = await Promise.all([
    new Promise<Taro.Canvas>((resolve, reject) => {
      Taro.createSelectorQuery()
        .select(canvasSelector)
        .fields({ node: true, size: true })
        .exec((res) => (res && res[0] && res[0].node ? resolve(res[0].node as Taro.Canvas) : reject(new Error('画布不可用'))))
    }),
    downloadShareCode(shareId),
  ])
  node.width = POSTER_WIDTH
  node.height = POSTER_HEIGHT
  const code: PosterCode = { kind: 'image', image: await loadImage(node.createImage(), codeFile) }
  const [cover, avatar] = await Promise.all([loadPicture(() => node.createImage(), text.coverUrl), loadPicture(() => node.createImage(), text.photoUrl)])
  drawPoster(node.getContext('2d') as unknown as PosterContext, { ...text, cover, avatar, code })
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: node } as Taro.canvasToTempFilePath.Option)
  return tempFilePath
}

export async function savePoster(src: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const a = document.createElement('a')
    a.href = src
    a.download = 'kejing-poster.png'
    a.click()
    return
  }
  await Taro.saveImageToPhotosAlbum({ filePath: src })
}
