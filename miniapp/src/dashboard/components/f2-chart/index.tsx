import { useEffect, useRef } from 'react'
import { Canvas as TaroCanvas, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Canvas as F2Canvas } from '@antv/f2'
import type { F2Element } from '../../charts'
import './index.css'

interface Props {
  /** Unique on the page: the weapp canvas node is found by it. */
  id: string
  /** CSS pixels. */
  height: number
  chart: F2Element
  /** What the chart shows, for screen readers and tests. */
  label: string
  /** Space around the plot in 750-wide design px: top, right, bottom, left. */
  padding?: [number, number, number, number]
}

interface Surface {
  context: CanvasRenderingContext2D
  width: number
  height: number
  pixelRatio: number
  extra: Record<string, unknown>
}

const designPx = (px: number) => Number((px / 2).toFixed(1))

function pixelRatio(): number {
  try {
    return (Taro.getWindowInfo ? Taro.getWindowInfo() : Taro.getSystemInfoSync()).pixelRatio || 2
  } catch {
    return 2
  }
}

/** weapp: the <canvas type="2d"> node of the current page, sized to its laid-out box. */
function weappSurface(id: string, attempt = 0): Promise<Surface> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res) => {
        const hit = res && res[0]
        if (!hit || !hit.node) {
          if (attempt < 5) setTimeout(() => weappSurface(id, attempt + 1).then(resolve, reject), 50 * (attempt + 1))
          else reject(new Error('图表画布不可用'))
          return
        }
        const node = hit.node as Taro.Canvas
        const dpr = pixelRatio()
        node.width = hit.width * dpr
        node.height = hit.height * dpr
        const extra: Record<string, unknown> = {
          createImage: () => node.createImage(),
          requestAnimationFrame: (cb: () => void) => node.requestAnimationFrame(cb),
          cancelAnimationFrame: (h: number) => node.cancelAnimationFrame(h),
        }
        try {
          // Text is measured on an offscreen canvas (there is no document in a mini program).
          extra.offscreenCanvas = Taro.createOffscreenCanvas({ type: '2d', width: 1, height: 1 })
        } catch {
          // older base library: F2 falls back to the main context
        }
        resolve({ context: node.getContext('2d') as CanvasRenderingContext2D, width: hit.width, height: hit.height, pixelRatio: dpr, extra })
      })
  })
}

/** H5: a plain <canvas> element. */
function h5Surface(el: HTMLCanvasElement, height: number): Surface {
  const dpr = window.devicePixelRatio || 2
  const width = el.clientWidth || el.parentElement?.clientWidth || 320
  el.width = Math.round(width * dpr)
  el.height = Math.round(height * dpr)
  return { context: el.getContext('2d') as CanvasRenderingContext2D, width, height, pixelRatio: dpr, extra: {} }
}

/**
 * One AntV F2 chart. The chart itself is declared in ../../charts.ts; this component only
 * finds the platform's canvas and hands F2 its 2D context (weapp: canvas type="2d"; H5: <canvas>).
 */
export default function F2Chart({ id, height, chart, label, padding }: Props) {
  const f2 = useRef<F2Canvas | null>(null)
  const h5Canvas = useRef<HTMLCanvasElement | null>(null)
  const latest = useRef(chart)
  latest.current = chart

  useEffect(() => {
    let cancelled = false
    const draw = async () => {
      if (f2.current) {
        await f2.current.update({ children: latest.current })
        return
      }
      let surface: Surface
      if (process.env.TARO_ENV === 'h5') {
        if (!h5Canvas.current) return
        surface = h5Surface(h5Canvas.current, height)
      } else {
        surface = await weappSurface(id)
      }
      if (cancelled) return
      const canvas = new F2Canvas({
        context: surface.context,
        pixelRatio: surface.pixelRatio,
        width: surface.width,
        height: surface.height,
        animate: false,
        // Sizes in the charts are in 750-wide design px, like the app's CSS. F2's default reads
        // the root font size, which Taro H5 sets for rem (a quarter of what F2 expects).
        px2hd: designPx,
        ...(padding ? { theme: { padding: padding.map((p) => `${p}px`) } } : {}),
        children: latest.current,
        ...surface.extra,
      })
      f2.current = canvas
      await canvas.render()
    }
    const run = () => void draw().catch((e: Error) => console.warn('chart failed', id, e.message))
    if (process.env.TARO_ENV === 'h5') run()
    else Taro.nextTick(run)
    return () => {
      cancelled = true
    }
  }, [chart, height, id])

  useEffect(
    () => () => {
      f2.current?.destroy()
      f2.current = null
    },
    [],
  )

  if (process.env.TARO_ENV === 'h5') {
    return (
      <View className='f2-chart' style={{ height: `${height}px` }} aria-label={label}>
        <canvas ref={h5Canvas} id={id} className='f2-chart__canvas' style={{ width: '100%', height: `${height}px` }} />
      </View>
    )
  }
  return (
    <View className='f2-chart' style={{ height: `${height}px` }} aria-label={label}>
      <TaroCanvas type='2d' id={id} className='f2-chart__canvas' style={{ width: '100%', height: `${height}px` }} />
    </View>
  )
}
