export default definePageConfig({ navigationBarTitleText: '团队看板', enablePullDownRefresh: true })
