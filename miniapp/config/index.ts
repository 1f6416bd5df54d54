import path from 'path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import { NativePackagesPlugin } from './native-packages'
import prodConfig from './prod'

// The shared contracts are plain TypeScript outside this package: one alias, three places
// (here, tsconfig paths, jest moduleNameMapper).
const sharedEntry = path.resolve(__dirname, '..', '..', 'shared', 'src', 'index.ts')

export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5'
  // H5 is served by the API server from its own origin, so the base URL is empty there.
  // For weapp set KEJING_API_BASE (https://api.example.com) and KEJING_H5_BASE (where
  // poster QR codes should point) when building.
  const apiBase = isH5 ? '' : process.env.KEJING_API_BASE ?? 'http://127.0.0.1:3000'
  const h5Base = process.env.KEJING_H5_BASE ?? ''
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'kejing-miniapp',
    date: '2026-11-25',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      KEJING_API_BASE: JSON.stringify(apiBase),
      KEJING_H5_BASE: JSON.stringify(h5Base),
    },
    alias: {
      '@kejing/shared': sharedEntry,
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // Modules used only by one sub-package move into it, keeping the main package small.
      optimizeMainPackage: { enable: true },
      // The customer reader is a native WeChat page on weapp (customer/read/index.weapp.*): its
      // independent package carries no Taro templates (a customer's first open stays ≤ 150 KB raw).
      webpackChain(chain) {
        chain.plugin('nativePackages').use(NativePackagesPlugin, [['customer'], process.env.TARO_ENV ?? 'weapp'])
      },
      compile: { include: [path.resolve(__dirname, '..', '..', 'shared', 'src')] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      compile: { include: [path.resolve(__dirname, '..', '..', 'shared', 'src')] },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
