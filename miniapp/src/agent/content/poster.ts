import Taro from '@tarojs/taro'
import { drawPoster, POSTER_HEIGHT, POSTER_WIDTH, type PosterContext, type PosterData } from '../../poster/draw-poster'

/** Renders the poster and returns an image src: a temp file on weapp, a data URL on H5. */
export async function renderPoster(data: PosterData, canvasSelector: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const canvas = document.createElement('canvas')
    canvas.width = POSTER_WIDTH
    canvas.height = POSTER_HEIGHT
    drawPoster(canvas.getContext('2d') as unknown as PosterContext, data)
    return canvas.toDataURL('image/png')
  }
  const node = await new Promise<Taro.Canvas>((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(canvasSelector)
      .fields({ node: true, size: true })
      .exec((res) => (res && res[0] && res[0].node ? resolve(res[0].node as Taro.Canvas) : reject(new Error('画布不可用'))))
  })
  node.width = POSTER_WIDTH
  node.height = POSTER_HEIGHT
  drawPoster(node.getContext('2d') as unknown as PosterContext, data)
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
