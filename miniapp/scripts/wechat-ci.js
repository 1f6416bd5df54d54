#!/usr/bin/env node
// WeChat's own toolchain as a check (issue 16.8): the weapp build (dist/weapp) goes through
// miniprogram-ci, the developer tools' compiler and code-quality scan as an npm package, offline.
//   1. getCompiledResult: compiles every page as an upload would (WXML/WXSS compilers, JS
//      processing) and returns the files; a compile error throws. It only signs an upload, so a
//      throwaway private key, made here, suffices (nothing is sent anywhere).
//   2. checkCodeQuality: the developer tools' 代码质量扫描 (package sizes, compression, lazy code
//      loading, images, code used only by a sub-package, unused components and files). No key read.
// What needs WeChat's servers is not run: upload, preview, getDevSourceMap, cloud functions.
// Exit code 1 on any compile error or any failed quality item not listed in ACCEPTED below.
const fs = require('fs')
const os = require('os')
const path = require('path')
const crypto = require('crypto')

const root = path.resolve(process.argv[2] || path.join(__dirname, '..', 'dist', 'weapp'))

/**
 * Quality items that may fail for a reason outside this code, each with why and exactly what is
 * allowed (anything more still fails). Taro 4 writes its custom-wrapper component into every
 * independent sub-package whether or not a page uses CustomWrapper (none here does): three files,
 * under 1 KB, that WeChat's scan reports as an unused component.
 */
const ACCEPTED = {
  CONTAINS_UNUSED_COMPONENTS: {
    // customer-info (the lead form, 我的信息) holds Taro pages; the reader's package "customer" is
    // native pages only and has no Taro templates at all (config/native-packages.ts).
    why: "Taro's custom-wrapper, written into the independent sub-package customer-info even when unused",
    allows: (detail) => JSON.stringify(detail) === JSON.stringify(['customer-info/custom-wrapper.json']),
  },
}

async function main() {
  if (!fs.existsSync(path.join(root, 'app.json'))) throw new Error(`${root} has no app.json: run npm run build:weapp first`)
  const ci = require('miniprogram-ci')
  const started = Date.now()
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kejing-wechat-ci-'))
  try {
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 })
    const keyPath = path.join(tmp, 'private.dummy.key')
    fs.writeFileSync(keyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }))
    const config = JSON.parse(fs.readFileSync(path.join(root, 'project.config.json'), 'utf8'))
    const project = new ci.Project({
      appid: config.appid,
      type: 'miniProgram',
      projectPath: root,
      privateKeyPath: keyPath,
      ignores: ['node_modules/**/*', '**/*.map', '**/*.LICENSE.txt'],
      // The project's attributes (limits, whether the appid is a game …) come from WeChat's servers
      // otherwise, through a signed request: offline, miniprogram-ci's own defaults for a mini
      // program (2 MB a package, 12 MB in all, up to 100 sub-packages) stand in.
      attr: async () => ci.DefaultProjectAttr,
    })

    // WeChat's compilers without its minifier: Taro has minified the JS already, and minifying it
    // again takes minutes (an upload does it, as project.config.json asks, which the scan checks).
    const setting = { es6: false, es7: false, minify: false, minifyJS: false, minifyWXML: false, minifyWXSS: false, autoPrefixWXSS: false, codeProtect: false }
    const compiled = await ci.getCompiledResult({ project, setting, onProgressUpdate: () => undefined }, path.join(tmp, 'compiled.zip'))
    const files = Object.keys(compiled)
    const compiledMs = Date.now() - started
    console.log(`miniprogram-ci compile: ${files.length} files, 0 errors (${compiledMs} ms)`)

    const quality = await ci.checkCodeQuality(project)
    let failed = 0
    for (const item of quality) {
      const rule = ACCEPTED[item.name]
      const accepted = !item.success && rule && rule.allows(item.detail) ? rule.why : null
      const mark = item.success ? 'ok  ' : accepted ? 'kept' : 'FAIL'
      console.log(`  ${mark} ${item.name}: ${item.text}${accepted ? ` (accepted: ${accepted})` : ''}`)
      if (!item.success && !accepted) {
        failed += 1
        if (item.detail) console.log(`       ${JSON.stringify(item.detail).slice(0, 600)}`)
      }
    }
    console.log(`miniprogram-ci code quality: ${quality.length} checks, ${failed} errors (${Date.now() - started} ms in all)`)
    return failed === 0 ? 0 : 1
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

/**
 * miniprogram-ci gives its compiler process 20 s to start (a constant inside it, thrown from a timer,
 * which ends the process); on a machine busy with other builds that start can take longer. So the
 * check runs in a child process, and only that failure is tried again, up to three times.
 */
function runWithRetries() {
  const { spawnSync } = require('child_process')
  for (let attempt = 1; ; attempt++) {
    const child = spawnSync(process.execPath, [__filename, ...process.argv.slice(2)], {
      env: { ...process.env, KEJING_WECHAT_CI_CHILD: '1' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
    process.stdout.write(child.stdout || '')
    process.stderr.write(child.stderr || '')
    const timedOut = /fork process timeout/.test(`${child.stdout}${child.stderr}`)
    if (child.status === 0 || !timedOut || attempt >= 3) return child.status === null ? 1 : child.status
    console.log(`miniprogram-ci: the compiler process did not start in 20 s (attempt ${attempt} of 3); trying again`)
  }
}

if (process.env.KEJING_WECHAT_CI_CHILD) {
  // miniprogram-ci leaves a file watcher and its compiler process running: exit explicitly.
  main().then((code) => process.exit(code)).catch((e) => {
    console.error(`miniprogram-ci: ${e && e.stack ? e.stack : JSON.stringify(e)}`)
    process.exit(1)
  })
} else {
  const started = Date.now()
  const code = runWithRetries()
  console.log(`miniprogram-ci stage: ${code === 0 ? 'passed' : 'failed'} in ${Math.round((Date.now() - started) / 1000)} s`)
  process.exit(code)
}
