export default definePageConfig({ navigationBarTitleText: '内容库', enablePullDownRefresh: true })
