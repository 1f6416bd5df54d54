export default definePageConfig({ navigationBarTitleText: '内容详情', enableShareAppMessage: true, enableShareTimeline: true })
