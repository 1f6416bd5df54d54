export default definePageConfig({ navigationBarTitleText: '获取专属方案' })
