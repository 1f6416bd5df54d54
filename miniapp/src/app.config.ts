export default defineAppConfig({
  // Main package: the agent's five tabs. Everything else is in sub-packages. "customer" (the reader)
  // is independent (独立分包): a customer opening a share downloads it alone, without the main
  // package. On weapp the reader is a native WeChat page (customer/read/index.weapp.*: no React, no
  // Taro runtime), so that first download stays under 150 KB; H5 builds the Taro reader (index.tsx).
  // The lead form and 我的信息 stay Taro pages (forms with validation, consents, export) in their own
  // independent "customer-info": only a customer who taps through downloads Taro's runtime for them.
  pages: ['pages/today/index', 'pages/content/index', 'pages/radar/index', 'pages/contacts/index', 'pages/card/index'],
  subPackages: [
    { root: 'customer', pages: ['read/index'], independent: true },
    { root: 'customer-info', pages: ['lead/index', 'my-data/index'], independent: true },
    { root: 'agent', pages: ['content/index', 'contact-list/index', 'contact/index', 'contact-edit/index', 'notices/index', 'notice-settings/index', 'pool/index', 'contact-import/index', 'policy-edit/index'] },
    // KYB134 and the team / org dashboards, with the chart library (AntV F2): only those who open them download it.
    { root: 'dashboard', pages: ['agent/index', 'team/index', 'org/index'] },
  ],
  // Only the components a page uses are injected when it opens (WeChat's 按需注入).
  lazyCodeLoading: 'requiredComponents',
  preloadRule: {
    'pages/today/index': { network: 'all', packages: ['agent'] },
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '客经',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/today/index', text: '今日', iconPath: 'assets/tab/today.png', selectedIconPath: 'assets/tab/today-active.png' },
      { pagePath: 'pages/content/index', text: '内容', iconPath: 'assets/tab/content.png', selectedIconPath: 'assets/tab/content-active.png' },
      { pagePath: 'pages/radar/index', text: '雷达', iconPath: 'assets/tab/radar.png', selectedIconPath: 'assets/tab/radar-active.png' },
      { pagePath: 'pages/contacts/index', text: '客户', iconPath: 'assets/tab/contacts.png', selectedIconPath: 'assets/tab/contacts-active.png' },
      { pagePath: 'pages/card/index', text: '名片', iconPath: 'assets/tab/card.png', selectedIconPath: 'assets/tab/card-active.png' },
    ],
  },
})
