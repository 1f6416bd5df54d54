#!/usr/bin/env node
// Renders the tab bar icons (src/assets/tab/*.svg) to the PNGs WeChat's tabBar requires (it takes
// no SVG): 81 × 81, grey and brand red for the selected tab, transparent, well under 40 KB each.
// Run after changing an SVG: `npm --prefix miniapp run icons` (needs Debian's chromium).
const fs = require('node:fs')
const path = require('node:path')
const { chromium } = require('playwright-core')

const DIR = path.join(__dirname, '..', 'src', 'assets', 'tab')
const SIZE = 81
const COLOURS = { '': '#666666', '-active': '#c8102e' }

;(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 })
  for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.svg')).sort()) {
    const svg = fs.readFileSync(path.join(DIR, file), 'utf8')
    for (const [suffix, colour] of Object.entries(COLOURS)) {
      await page.setContent(`<html><body style="margin:0;background:transparent"><div style="width:${SIZE}px;height:${SIZE}px;color:${colour}">${svg.replace('<svg ', `<svg width="${SIZE}" height="${SIZE}" `)}</div></body></html>`)
      const out = path.join(DIR, file.replace('.svg', `${suffix}.png`))
      await page.locator('div').screenshot({ path: out, omitBackground: true })
      process.stdout.write(`${path.relative(process.cwd(), out)} ${fs.statSync(out).size} bytes\n`)
    }
  }
  await browser.close()
})().catch((e) => {
  process.stderr.write(`${e.stack}\n`)
  process.exit(1)
})
