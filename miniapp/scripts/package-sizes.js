#!/usr/bin/env node
// Sizes of the weapp build's packages, and the budgets they must keep (npm test fails over them).
// Each package is listed raw (what WeChat's 2 MB limit counts) and as downloaded: WeChat compresses
// code packages with ZSTD for the download (启动性能 docs), measured here with the zstd tool (gzip -9
// when zstd is missing, which compresses a little worse).
//
// A customer's first open: the reader ("customer") is an independent sub-package (独立分包), so a
// customer opening a shared article downloads it alone, without the main package, and it must stay
// ≤ 150 KB RAW. That is why the weapp reader is a native WeChat page (customer/read/index.weapp.*):
// React's renderer, Taro's runtime and Taro's base templates alone are ~250 KB raw. The lead form and
// 我的信息 stay Taro pages in another independent sub-package, "customer-info": they are forms with
// validation, consents, export and deletion, reached only by a customer who taps through from the
// reader, so only those customers download Taro's runtime, and only then.
const fs = require('fs')
const path = require('path')
const zlib = require('zlib')
const { spawnSync } = require('child_process')

const KB = 1024
const BUDGETS = {
  mainRaw: 600 * KB, // agents' main package
  packageRaw: 2 * KB * KB, // WeChat's limit for any one package
  firstOpenRaw: 150 * KB, // what a customer downloads before a shared article shows: the reader package, raw
}
const READER = 'customer'
const root = path.resolve(process.argv[2] || path.join(__dirname, '..', 'dist', 'weapp'))

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? walk(p) : [p]
  })
}

let compressor = 'zstd'
function compressedSize(files) {
  // One stream of names and contents, as a package is one file on the wire.
  const buf = Buffer.concat(files.flatMap((f) => [Buffer.from(`\n${f.rel}\n`), fs.readFileSync(f.abs)]))
  if (compressor === 'zstd') {
    const out = spawnSync('zstd', ['-q', '-c', '-19'], { input: buf, maxBuffer: 64 * KB * KB })
    if (out.status === 0) return out.stdout.length
    compressor = 'gzip -9'
  }
  return zlib.gzipSync(buf, { level: 9 }).length
}

/** Package name → files and sizes, from dist/weapp/app.json. */
function measure(dir) {
  const app = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8'))
  const subs = (app.subPackages || app.subpackages || []).map((p) => ({ root: p.root.replace(/\/$/, ''), independent: !!p.independent }))
  const packages = new Map([['main', { name: 'main', independent: false, files: [] }]])
  for (const s of subs) packages.set(s.root, { name: s.root, independent: s.independent, files: [] })
  for (const abs of walk(dir)) {
    const rel = path.relative(dir, abs).split(path.sep).join('/')
    // Not uploaded: the tool's project file, source maps and webpack's licence notes.
    if (rel === 'project.config.json' || rel.endsWith('.map') || rel.endsWith('.LICENSE.txt')) continue
    const owner = subs.find((s) => rel === s.root || rel.startsWith(s.root + '/'))
    packages.get(owner ? owner.root : 'main').files.push({ rel, abs })
  }
  return [...packages.values()].map((p) => ({
    ...p,
    raw: p.files.reduce((n, f) => n + fs.statSync(f.abs).size, 0),
    download: compressedSize(p.files),
  }))
}

function check(packages) {
  const problems = []
  for (const p of packages) {
    if (p.raw > BUDGETS.packageRaw) problems.push(`${p.name}: ${kb(p.raw)} is over WeChat's 2 MB per package`)
  }
  const main = packages.find((p) => p.name === 'main')
  if (main.raw > BUDGETS.mainRaw) problems.push(`main: ${kb(main.raw)} is over the agents' budget of 600 KB`)
  const reader = packages.find((p) => p.name === READER)
  if (!reader) problems.push(`${READER}: no reader package in app.json`)
  else if (!reader.independent) problems.push(`${READER}: the reader is not an independent sub-package, so a first open downloads the main package too`)
  else if (reader.raw > BUDGETS.firstOpenRaw) problems.push(`${READER}: a first open downloads ${kb(reader.raw)} raw, over 150 KB`)
  return problems
}

const kb = (n) => `${(n / KB).toFixed(1)} KB`

module.exports = { measure, check, BUDGETS }

if (require.main === module) {
  const packages = measure(root)
  console.log(`package     raw          download (${compressor})`)
  for (const p of packages) {
    console.log(`${(p.name + (p.independent ? '*' : '')).padEnd(11)} ${kb(p.raw).padStart(10)}   ${kb(p.download).padStart(10)}`)
  }
  const reader = packages.find((p) => p.name === READER)
  if (reader) {
    console.log(`* independent. A customer's first open of a shared article downloads ${reader.independent ? `${READER} alone` : `main + ${READER}`}:`)
    console.log(`  ${kb(reader.raw)} raw (budget ${kb(BUDGETS.firstOpenRaw)}), ${kb(reader.download)} on the wire.`)
  }
  const problems = check(packages)
  if (problems.length) {
    for (const p of problems) console.error(`package size: ${p}`)
    process.exit(1)
  }
}
