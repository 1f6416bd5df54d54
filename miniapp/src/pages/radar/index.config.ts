export default definePageConfig({ navigationBarTitleText: '谁看了我', enablePullDownRefresh: true })
