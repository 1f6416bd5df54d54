export default definePageConfig({ navigationBarTitleText: '客户经营', enablePullDownRefresh: true })
