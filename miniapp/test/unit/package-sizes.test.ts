// eslint-disable-next-line @typescript-eslint/no-require-imports
const { check } = require('../../scripts/package-sizes.js') as { check: (packages: Pkg[]) => string[] }

interface Pkg {
  name: string
  independent: boolean
  raw: number
  download: number
}

const KB = 1024
const pkg = (name: string, rawKb: number, independent = false): Pkg => ({ name, independent, raw: rawKb * KB, download: (rawKb * KB) / 4 })

describe('package-size budgets (npm test fails on any problem)', () => {
  const within = [pkg('main', 590), pkg('customer', 149, true), pkg('customer-info', 380, true), pkg('agent', 900)]

  it('passes a build whose reader is independent and ≤ 150 KB raw, and whose main package is ≤ 600 KB', () => {
    expect(check(within)).toEqual([])
  })

  it('fails a reader over 150 KB raw, even when its download is small', () => {
    const reader = { ...pkg('customer', 151, true), download: 40 * KB }
    expect(check([pkg('main', 590), reader])).toEqual(['customer: a first open downloads 151.0 KB raw, over 150 KB'])
  })

  it('fails a reader that is not independent: the first open would download the main package too', () => {
    expect(check([pkg('main', 590), pkg('customer', 100)])).toEqual([
      'customer: the reader is not an independent sub-package, so a first open downloads the main package too',
    ])
  })

  it('fails a main package over 600 KB and any package over 2 MB', () => {
    expect(check([pkg('main', 601), pkg('customer', 100, true), pkg('dashboard', 2049)])).toEqual([
      "dashboard: 2049.0 KB is over WeChat's 2 MB per package",
      "main: 601.0 KB is over the agents' budget of 600 KB",
    ])
  })
})
