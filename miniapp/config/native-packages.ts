import type { Compiler } from 'webpack'

const PLUGIN = 'NativePackagesPlugin'
/** What Taro emits into every independent sub-package for its own (React) pages to render with. */
const TARO_TEMPLATES = /^(base\.wxml|utils\.wxs|comp\.(js|json|wxml)|custom-wrapper\.(js|json|wxml))$/

/**
 * Two things Taro 4.2 does not do for native pages, done at the end of the weapp build:
 *
 * - A native page written for one platform (customer/read/index.weapp.wxml beside index.tsx for H5)
 *   is compiled by Taro as a native page, but its template is emitted under the source's name
 *   (index.weapp.wxml) while WeChat loads the page's (index.wxml): it is renamed.
 * - Taro emits its base templates (base.wxml ~54 KB, comp, custom-wrapper, utils.wxs) into every
 *   independent sub-package. A package of native pages only (`nativeRoots`: the customer reader)
 *   never uses them, and a customer would download them on the first open: they are dropped. Should
 *   a Taro page ever land in such a package, the build fails instead of shipping a page without them.
 */
export class NativePackagesPlugin {
  constructor(
    private readonly nativeRoots: string[],
    private readonly platform: string,
  ) {}

  apply(compiler: Compiler): void {
    const { Compilation, WebpackError } = compiler.webpack
    compiler.hooks.thisCompilation.tap(PLUGIN, (compilation) => {
      compilation.hooks.processAssets.tap({ name: PLUGIN, stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const platformTemplate = new RegExp(`\\.${this.platform}\\.wxml$`)
        for (const name of Object.keys(compilation.assets)) {
          if (platformTemplate.test(name)) compilation.renameAsset(name, name.replace(platformTemplate, '.wxml'))
        }
        for (const root of this.nativeRoots) {
          for (const name of Object.keys(compilation.assets)) {
            if (!name.startsWith(`${root}/`)) continue
            const rel = name.slice(root.length + 1)
            if (TARO_TEMPLATES.test(rel)) {
              compilation.deleteAsset(name)
            } else if (name.endsWith('.wxml') && /base\.wxml/.test(compilation.assets[name].source().toString())) {
              compilation.errors.push(new WebpackError(`${name} is a Taro page in "${root}", a package of native pages only (config/native-packages.ts)`))
            }
          }
        }
      })
    })
  }
}
