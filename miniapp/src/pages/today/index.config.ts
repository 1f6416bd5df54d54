export default definePageConfig({ navigationBarTitleText: '今日跟进', enablePullDownRefresh: true })
