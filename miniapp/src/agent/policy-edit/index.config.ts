export default definePageConfig({ navigationBarTitleText: '登记保单' })
