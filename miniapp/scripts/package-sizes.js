#!/usr/bin/env node
// Sizes of the weapp main package and sub-packages (WeChat: 2 MB each; our budget: main ≤ 600 KB).
const fs = require('fs')
const path = require('path')

const root = path.resolve(__dirname, '..', 'dist', 'weapp')
const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8'))
const subRoots = (app.subPackages || app.subpackages || []).map((p) => p.root.replace(/\/$/, ''))

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? walk(p) : [p]
  })
}

const sizes = { main: 0 }
for (const r of subRoots) sizes[r] = 0
for (const file of walk(root)) {
  const rel = path.relative(root, file).split(path.sep).join('/')
  if (rel === 'project.config.json' || rel.endsWith('.map')) continue
  const owner = subRoots.find((r) => rel === r || rel.startsWith(r + '/')) || 'main'
  sizes[owner] += fs.statSync(file).size
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`
for (const [name, bytes] of Object.entries(sizes)) console.log(`${name.padEnd(10)} ${kb(bytes)}`)
const MAIN_BUDGET = 600 * 1024
const SUB_LIMIT = 2 * 1024 * 1024
let ok = sizes.main <= MAIN_BUDGET
for (const r of subRoots) ok = ok && sizes[r] <= SUB_LIMIT
if (!ok) {
  console.error('package size budget exceeded (main ≤ 600 KB, each sub-package ≤ 2 MB)')
  process.exit(1)
}
