#!/usr/bin/env node
// Renders the demo library's covers, its poster and the demo agent's photo (content/demo/images: JPEG covers, a PNG photo)
// from the HTML below with Chromium, so a newcomer's library shows real pictures without any
// outside host: the demo loader stores them as uploads (/api/uploads/<sha256>). Small files
// (a few tens of KB each). Run after changing a design: `npm --prefix miniapp run demo-images`.
const fs = require('node:fs')
const path = require('node:path')
const { chromium } = require('playwright-core')

const OUT = path.join(__dirname, '..', '..', 'content', 'demo', 'images')
// Single quotes inside: the font list goes into style="…" attributes.
const FONT = "'PingFang SC','Noto Sans CJK SC','WenQuanYi Micro Hei',sans-serif"

// Colour themes by need: [from, to] of the background gradient.
const THEMES = {
  accident: ['#ff8a3d', '#e0452b'],
  medical: ['#2fb5a5', '#137a8a'],
  critical: ['#e04a5f', '#9e1b3b'],
  child: ['#ffb54d', '#f06f6f'],
  education: ['#5b8def', '#3558c7'],
  family: ['#f27d8f', '#c8102e'],
  life: ['#6a7bd1', '#3b4a9e'],
  annuity: ['#e6b54a', '#b7791f'],
  retirement: ['#8fbf5a', '#4d8a3a'],
  legacy: ['#8b6bd6', '#4e3aa3'],
  service: ['#42a5c9', '#1f6fa3'],
}

// Line-art icons (viewBox 0 0 64 64, drawn in currentColor).
const ICONS = {
  shield: '<path d="M32 6 L54 14 V30 C54 44 44 54 32 58 C20 54 10 44 10 30 V14 Z" fill="none" stroke="currentColor" stroke-width="4" stroke-linejoin="round"/><path d="M22 32 L29 39 L43 25" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>',
  cross: '<rect x="8" y="8" width="48" height="48" rx="12" fill="none" stroke="currentColor" stroke-width="4"/><path d="M32 20 V44 M20 32 H44" stroke="currentColor" stroke-width="5" stroke-linecap="round"/>',
  heart: '<path d="M32 54 C14 42 6 32 6 22 C6 14 12 8 20 8 C25 8 29 11 32 15 C35 11 39 8 44 8 C52 8 58 14 58 22 C58 32 50 42 32 54 Z" fill="none" stroke="currentColor" stroke-width="4" stroke-linejoin="round"/><path d="M14 30 H24 L28 22 L34 38 L38 30 H50" fill="none" stroke="currentColor" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/>',
  cap: '<path d="M4 24 L32 12 L60 24 L32 36 Z" fill="none" stroke="currentColor" stroke-width="4" stroke-linejoin="round"/><path d="M16 30 V44 C16 48 24 52 32 52 C40 52 48 48 48 44 V30" fill="none" stroke="currentColor" stroke-width="4"/><path d="M58 25 V40" stroke="currentColor" stroke-width="4" stroke-linecap="round"/>',
  family: '<circle cx="20" cy="18" r="7" fill="none" stroke="currentColor" stroke-width="4"/><circle cx="44" cy="18" r="7" fill="none" stroke="currentColor" stroke-width="4"/><circle cx="32" cy="36" r="5" fill="none" stroke="currentColor" stroke-width="3.5"/><path d="M8 50 C8 38 14 30 20 30 C24 30 26 32 27 34 M56 50 C56 38 50 30 44 30 C40 30 38 32 37 34 M22 56 C22 48 26 44 32 44 C38 44 42 48 42 56" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round"/>',
  coins: '<ellipse cx="26" cy="16" rx="16" ry="6" fill="none" stroke="currentColor" stroke-width="4"/><path d="M10 16 V28 C10 31 17 34 26 34 C35 34 42 31 42 28 V16 M10 28 V40 C10 43 17 46 26 46" fill="none" stroke="currentColor" stroke-width="4"/><circle cx="44" cy="44" r="13" fill="none" stroke="currentColor" stroke-width="4"/><path d="M44 37 V51 M39 41 H49" stroke="currentColor" stroke-width="3.5" stroke-linecap="round"/>',
  sun: '<circle cx="32" cy="36" r="11" fill="none" stroke="currentColor" stroke-width="4"/><path d="M4 52 H60 M32 10 V16 M14 18 L18 22 M50 18 L46 22 M8 36 H14 M50 36 H56" stroke="currentColor" stroke-width="4" stroke-linecap="round"/>',
  house: '<path d="M8 30 L32 10 L56 30" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/><path d="M14 26 V54 H50 V26" fill="none" stroke="currentColor" stroke-width="4" stroke-linejoin="round"/><path d="M32 46 C24 40 22 36 22 33 C22 30 24 28 27 28 C29 28 31 29 32 31 C33 29 35 28 37 28 C40 28 42 30 42 33 C42 36 40 40 32 46 Z" fill="currentColor"/>',
  doc: '<path d="M14 6 H40 L52 18 V58 H14 Z" fill="none" stroke="currentColor" stroke-width="4" stroke-linejoin="round"/><path d="M22 28 H44 M22 37 H44 M22 46 H36" stroke="currentColor" stroke-width="4" stroke-linecap="round"/>',
  tree: '<circle cx="32" cy="24" r="16" fill="none" stroke="currentColor" stroke-width="4"/><path d="M32 40 V58 M32 48 L24 42 M32 44 L40 38 M20 58 H44" stroke="currentColor" stroke-width="4" stroke-linecap="round"/>',
  plane: '<path d="M6 36 L58 14 L44 54 L32 40 Z M32 40 L58 14" fill="none" stroke="currentColor" stroke-width="4" stroke-linejoin="round"/>',
  chat: '<path d="M8 12 H56 V42 H28 L16 54 V42 H8 Z" fill="none" stroke="currentColor" stroke-width="4" stroke-linejoin="round"/><circle cx="22" cy="27" r="3" fill="currentColor"/><circle cx="32" cy="27" r="3" fill="currentColor"/><circle cx="42" cy="27" r="3" fill="currentColor"/>',
}

// file name → [theme, icon, headline, subline, badge]
const COVERS = {
  'accident-basics': ['accident', 'shield', '意外保障', '出行与工作的一份安心', ''],
  'medical-million': ['medical', 'cross', '百万医疗', '三分钟看懂报销规则', '视频'],
  'ci-myths': ['critical', 'heart', '重疾险误区', '买之前先想清楚三件事', ''],
  'ci-sum': ['critical', 'doc', '重疾保额', '一张表算清楚', ''],
  'child-first': ['child', 'family', '孩子的第一份保险', '宝妈必看的配置顺序', ''],
  'education-fund': ['education', 'cap', '教育金规划', '为学费提前做准备', ''],
  newlyweds: ['family', 'heart', '新婚保障清单', '两个人的家庭责任', ''],
  'term-life': ['life', 'shield', '定期寿险', '为家庭责任买一份保障', ''],
  annuity: ['annuity', 'coins', '年金现金流', '按时到账的一笔钱', ''],
  'retirement-gap': ['retirement', 'sun', '养老缺口', '退休后每月能领多少', ''],
  'silver-live': ['retirement', 'heart', '银发健康', '健康与养老规划', '直播'],
  'business-owner': ['legacy', 'doc', '企业主资产隔离', '家业与企业分开规划', ''],
  'legacy-video': ['legacy', 'tree', '财富传承', '保单传承的三个要点', '视频'],
  'coverage-review': ['service', 'shield', '免费保障检视', '一对一帮你梳理', ''],
  'read-proposal': ['life', 'doc', '读懂建议书', '先看这五处', ''],
  'health-disclosure': ['medical', 'doc', '健康告知', '投保前必读', ''],
  'common-concerns': ['service', 'chat', '五个常见顾虑', '关于买保险的疑问', ''],
  'after-signing': ['service', 'doc', '保单服务', '周年服务与理赔指引', ''],
  'new-home': ['family', 'house', '安家保障', '购房之后也要跟上', ''],
  'new-citizens': ['medical', 'cross', '新市民医疗', '社保之外再补一层', ''],
}

const circles = `<svg class="deco" viewBox="0 0 750 420" width="750" height="420"><circle cx="640" cy="60" r="150" fill="#fff" opacity=".10"/><circle cx="720" cy="360" r="110" fill="#fff" opacity=".08"/><circle cx="40" cy="420" r="120" fill="#fff" opacity=".07"/></svg>`

function coverHtml([theme, icon, headline, subline, badge]) {
  const [from, to] = THEMES[theme]
  return `<div id="c" style="position:relative;width:750px;height:420px;overflow:hidden;background:linear-gradient(135deg,${from},${to});font-family:${FONT};color:#fff">
    ${circles}
    <svg style="position:absolute;right:70px;top:110px;color:#fff;opacity:.92" viewBox="0 0 64 64" width="200" height="200">${ICONS[icon]}</svg>
    <div style="position:absolute;left:56px;top:56px;font-size:26px;letter-spacing:4px;opacity:.85">客经 · 保障课堂</div>
    <div style="position:absolute;left:56px;top:150px;width:430px;font-size:${headline.length > 6 ? 54 : 68}px;font-weight:bold;line-height:1.2">${headline}</div>
    <div style="position:absolute;left:56px;bottom:70px;font-size:30px;opacity:.92">${subline}</div>
    ${badge ? `<div style="position:absolute;left:56px;top:104px;font-size:22px;padding:2px 14px;border:2px solid #fff;border-radius:18px">${badge === '视频' ? '▶ 视频' : '● 直播'}</div>` : ''}
  </div>`
}

// The poster item (kind poster) is the image itself: a tall 3:4.5 card with its message.
const POSTER = `<div id="c" style="position:relative;width:750px;height:1125px;overflow:hidden;background:linear-gradient(160deg,#ff9a4d,#e0452b 60%,#b3261e);font-family:${FONT};color:#fff">
  <svg viewBox="0 0 750 1125" width="750" height="1125" style="position:absolute;left:0;top:0"><circle cx="620" cy="150" r="240" fill="#fff" opacity=".10"/><circle cx="80" cy="980" r="260" fill="#fff" opacity=".08"/><path d="M0 860 C200 800 420 900 750 820 V1125 H0 Z" fill="#fff" opacity=".12"/></svg>
  <div style="position:absolute;left:70px;top:90px;font-size:30px;letter-spacing:6px;opacity:.9">客经 · 出行提醒</div>
  <div style="position:absolute;left:70px;top:180px;font-size:96px;font-weight:bold;line-height:1.2">出行前<br/>带上一份<br/>意外保障</div>
  <svg style="position:absolute;right:80px;top:560px;color:#fff" viewBox="0 0 64 64" width="260" height="260">${ICONS.plane}</svg>
  <div style="position:absolute;left:70px;top:600px;font-size:34px;line-height:1.8;opacity:.95">✓ 意外医疗<br/>✓ 意外身故 / 伤残<br/>✓ 交通工具意外</div>
  <div style="position:absolute;left:70px;bottom:90px;font-size:30px;opacity:.9">几十元起，保障整个旅途</div>
</div>`

// The demo agent's photo: an illustrated portrait on the brand's warm tones (no real person).
const AVATAR = `<div id="c" style="width:240px;height:240px;background:linear-gradient(160deg,#ffe3d6,#f7b9a8)">
  <svg viewBox="0 0 240 240" width="240" height="240">
    <path d="M50 240 C50 180 84 160 120 160 C156 160 190 180 190 240 Z" fill="#c8102e"/>
    <path d="M104 160 L120 190 L136 160 Z" fill="#fff"/>
    <rect x="108" y="130" width="24" height="34" rx="10" fill="#f2c4a8"/>
    <path d="M70 110 C66 60 92 40 122 40 C156 40 176 64 172 112 C172 140 164 156 160 160 L80 160 C74 150 70 134 70 110 Z" fill="#3a2a28"/>
    <ellipse cx="120" cy="104" rx="38" ry="44" fill="#f7d3bc"/>
    <path d="M82 96 C92 66 130 58 158 84 C150 70 130 60 112 62 C94 64 84 78 82 96 Z" fill="#3a2a28"/>
    <circle cx="106" cy="106" r="4" fill="#3a2a28"/><circle cx="134" cy="106" r="4" fill="#3a2a28"/>
    <path d="M110 124 C116 130 124 130 130 124" fill="none" stroke="#c8604f" stroke-width="3" stroke-linecap="round"/>
  </svg>
</div>`

;(async () => {
  fs.mkdirSync(OUT, { recursive: true })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  const page = await browser.newPage({ viewport: { width: 800, height: 1200 }, deviceScaleFactor: 1 })
  const shots = [...Object.entries(COVERS).map(([name, spec]) => [`cover-${name}`, coverHtml(spec)]), ['poster-travel-accident', POSTER], ['avatar-wangxiaomei', AVATAR]]
  for (const [name, html] of shots) {
    await page.setContent(`<html><body style="margin:0">${html}</body></html>`)
    const jpeg = !name.startsWith('avatar')
    const out = path.join(OUT, `${name}.${jpeg ? 'jpg' : 'png'}`)
    await page.locator('#c').screenshot(jpeg ? { path: out, type: 'jpeg', quality: 82 } : { path: out })
    process.stdout.write(`${path.relative(process.cwd(), out)} ${fs.statSync(out).size} bytes\n`)
  }
  await browser.close()
})().catch((e) => {
  process.stderr.write(`${e.stack}\n`)
  process.exit(1)
})
