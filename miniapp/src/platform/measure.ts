import Taro from '@tarojs/taro'

/** The viewport height, from whichever of Taro's APIs this platform answers; 0 when none does. */
export function windowHeight(): number {
  for (const read of [() => Taro.getWindowInfo().windowHeight, () => Taro.getSystemInfoSync().windowHeight]) {
    try {
      const h = read()
      if (h > 0) return h
    } catch {
      // try the next API
    }
  }
  return 0
}

/** The rendered height of the first element matching `selector`; 0 when it cannot be measured. */
export function measureHeight(selector: string): Promise<number> {
  return new Promise((resolve) => {
    try {
      Taro.createSelectorQuery()
        .select(selector)
        .boundingClientRect((rect) => {
          const r = Array.isArray(rect) ? rect[0] : rect
          resolve(r && typeof r.height === 'number' ? r.height : 0)
        })
        .exec()
    } catch {
      // No layout engine (simulator) or the page is gone: depth stays as it was.
      resolve(0)
    }
  })
}
