/**
 * The customer reader as a native WeChat page (weapp only; H5 builds ./index.tsx). A customer's
 * first open of a shared article downloads the independent "customer" package alone: this page,
 * its WXML/WXSS and the plain-TS modules below, without React or Taro's runtime (which alone
 * are ~190 KB), so the first open stays under 150 KB raw (scripts/package-sizes.js checks it).
 *
 * Nothing here is a second implementation of the reader's logic: the API client, login, event
 * queue, share-path parsing, scene rules and error table are the same modules the Taro reader
 * uses (reader-core.ts on wx's ports, platform/wx.ts). Taro compiles this file through webpack
 * like any other entry, so those imports work. What is here is the page: which view shows, and
 * the events each tap records, the same as index.tsx and its components.
 */
import { CONTENT_KIND_NAMES_ZH, READER_PAGE, sharePath, type AgentCardView, type ContentVersionView, type OpenShareView, type ShareMoreView } from '@kejing/shared'
import { avatarColour } from '../../components/agent-card/avatar-colour'
import { formatCountdown, formatDateTime, formatLiveTime } from '../../format'
import { getWx, wxMeasureHeight, wxPorts, wxStorage, wxWindowHeight } from '../../platform/wx'
import { PRIVACY_NOTICE, rememberPrivacyNoticeSeen, shouldShowPrivacyNotice } from '../../privacy/privacy-notice'
import { readerEntry } from '../../share-path'
import { LivePresence, VideoProgressTracker } from '../../tracking/media-progress'
import { ReadDepthTracker } from '../../tracking/read-depth'
import { absoluteImageUrl } from '../../uploads/image-url'
import {
  createReaderServices,
  firstScene,
  isSinglePage,
  leadPageUrl,
  MY_DATA_PAGE,
  needsMiniProgramText,
  GO_TO_MINI_PROGRAM,
  SCENE_NOT_FOUND_TEXT,
} from '../reader-core'

const REMEASURE_MS = 1000
const MESSAGE_MAX = 200
const SCORES = Array.from({ length: 11 }, (_, i) => i)

const reader = createReaderServices(wxPorts, (queue) => {
  try {
    getWx().onNetworkStatusChange((res) => {
      if (res.isConnected) void queue.flush()
    })
  } catch {
    // not available in this WeChat
  }
})

/** The error a failed call shows (useAsync's rule: the Chinese message from the error table, else 加载失败). */
const failure = (e: unknown) => ({
  message: (e as Error)?.message || '加载失败',
  code: typeof (e as { code?: unknown })?.code === 'string' ? ((e as { code: string }).code as string) : null,
})

type View = 'loading' | 'failed' | 'invalid' | 'retired' | 'reader' | 'single'
/** channels: the 视频号 live room's button; live: our own stream; no-entry: live, with neither to show. */
type LiveMode = 'waiting' | 'channels' | 'live' | 'no-entry' | 'replay' | 'ended'

interface CardData {
  companyName: string
  name: string
  initial: string
  colour: string
  photoUrl: string
  licence: string
  intro: string
  expanded: boolean
  tappable: boolean
}

/** What AgentCard shows for `agent`. */
function cardData(agent: AgentCardView, tappable: boolean): CardData {
  return {
    companyName: agent.companyName,
    name: agent.name,
    initial: Array.from(agent.name)[0] ?? '客',
    colour: avatarColour(agent.agentId || agent.name),
    photoUrl: agent.photoUrl ? absoluteImageUrl(agent.photoUrl) : '',
    licence: agent.licenceNo ? `执业证号：${agent.licenceNo}` : '执业证号：待补充',
    intro: agent.intro ?? '',
    expanded: false,
    tappable,
  }
}

/** The title block, body and media of an item (ArticleText and the reader's media, as data for WXML). */
function contentData(content: ContentVersionView, agent: AgentCardView) {
  return {
    kind: content.kind,
    title: content.title,
    byline: `${agent.companyName}${content.publishedAt ? ` · ${formatDateTime(content.publishedAt)}` : ''}`,
    bodyHtml: content.bodyHtml ?? '',
    summary: content.summary ?? '',
    // Uploaded media come as paths on the API (/api/uploads/…): the player needs the whole address.
    videoUrl: content.kind === 'video' && content.videoUrl ? absoluteImageUrl(content.videoUrl) : '',
    posterUrl: content.kind === 'poster' && content.coverUrl ? absoluteImageUrl(content.coverUrl) : '',
    showSummary: content.kind !== 'article' && !!content.summary,
  }
}

const EMPTY_CONSULT = {
  open: false,
  loading: false,
  error: '',
  ready: false,
  agentName: '',
  phone: '',
  qrUrl: '',
  qrLabel: '',
  showQr: false,
  writing: false,
  text: '',
  count: 0,
  sent: false,
  sending: false,
}

/** Per page instance, outside `data`: trackers, timers and ids that never render. */
interface PageState {
  scene: number | null
  shareId: string
  query: Record<string, string | undefined>
  content: ContentVersionView | null
  agentName: string
  reading: ReadDepthTracker | null
  size: { viewport: number; content: number; measuredAt: number; scrollTop: number }
  firstMeasure: ReturnType<typeof setTimeout> | null
  video: VideoProgressTracker | null
  live: LivePresence | null
  liveStartsAt: number
  liveTimer: ReturnType<typeof setInterval> | null
  isLive: boolean
  clientMessageId: string
  openTracked: boolean
  loadSeq: number
  /** What 重试 does on the error view: the call that failed, again. */
  retry: () => void
}

interface ReaderPage {
  data: { view: View; card: CardData | null; consult: typeof EMPTY_CONSULT }
  /** The page's own state that never renders (set in onLoad). */
  inner: PageState
  setData(patch: Record<string, unknown>): void
  load(): Promise<void>
  loadRetired(): Promise<void>
  showOpened(opened: OpenShareView): void
  startReading(): void
  stopReading(): void
  newVideoTracker(): VideoProgressTracker
  startLive(content: ContentVersionView): void
  liveTick(): void
  loadReach(): Promise<void>
  needsMiniProgram(what: string): void
  dismissPrivacy(): void
}

declare function Page(options: Record<string, unknown>): void
declare function getCurrentPages(): unknown[]

Page({
  data: {
    view: 'loading' as View,
    stateError: '',
    invalidIncomplete: false,
    canGoBack: false,
    article: null as ReturnType<typeof contentData> | null,
    live: { mode: 'ended' as LiveMode, timeText: '', countdown: '', channelsHint: false, videoUrl: '', replayUrl: '' },
    card: null as CardData | null,
    askNps: false,
    npsTitle: '',
    npsAnswered: false,
    npsThanks: '',
    scores: SCORES,
    consult: EMPTY_CONSULT,
    privacyShown: false,
    privacyTitle: PRIVACY_NOTICE.title,
    privacyBody: '',
    retiredText: '',
    moreTitle: '',
    more: [] as { shareId: string; title: string; coverUrl: string; meta: string }[],
    inviteText: '',
    messageMax: MESSAGE_MAX,
  },

  onLoad(this: ReaderPage, query: Record<string, string | undefined>) {
    const wx = getWx()
    this.inner = {
      scene: firstScene([() => wx.getEnterOptionsSync(), () => wx.getLaunchOptionsSync()]),
      shareId: '',
      query: query ?? {},
      content: null,
      agentName: '',
      reading: null,
      size: { viewport: 0, content: 0, measuredAt: 0, scrollTop: 0 },
      firstMeasure: null,
      video: null,
      live: null,
      liveStartsAt: NaN,
      liveTimer: null,
      isLive: false,
      clientMessageId: reader.newClientId(),
      openTracked: false,
      loadSeq: 0,
      retry: () => void this.load(),
    }
    void this.load()
  },

  /** Which share, then open it: Moments' single page glances without login; a poster code asks the server for the share first. */
  async load(this: ReaderPage) {
    const { scene, query } = this.inner
    const seq = ++this.inner.loadSeq
    const current = () => seq === this.inner.loadSeq
    // A retry keeps the error on screen until the answer comes (as useAsync does).
    if (this.data.view !== 'failed') this.setData({ view: 'loading', stateError: '' })
    this.inner.retry = () => void this.load()
    if (isSinglePage(scene) && query.s) {
      this.inner.shareId = query.s
      try {
        const glanced = await reader.glanceShare(query.s, scene)
        if (!current()) return
        const { content, agent } = glanced
        this.setData({
          view: 'single',
          article: contentData(content, agent),
          card: cardData(agent, true),
          inviteText: `点击屏幕底部的「${GO_TO_MINI_PROGRAM}」，可咨询${agent.name}、免费获取保障方案，或转发给朋友。`,
        })
        this.inner.agentName = agent.name
      } catch (e) {
        if (current()) this.setData({ view: 'failed', stateError: failure(e).message })
      }
      return
    }
    const entry = readerEntry(query)
    if (!entry) {
      this.setData({ view: 'invalid', invalidIncomplete: true, canGoBack: getCurrentPages().length > 1 })
      return
    }
    let shareId = 'shareId' in entry ? entry.shareId : this.inner.shareId
    if (!shareId && 'scene' in entry) {
      try {
        shareId = (await reader.api().shareByScene(entry.scene)).shareId
      } catch (e) {
        if (!current()) return
        if (failure(e).code === 'share_invalid') this.setData({ view: 'invalid', invalidIncomplete: false, canGoBack: getCurrentPages().length > 1 })
        else this.setData({ view: 'failed', stateError: SCENE_NOT_FOUND_TEXT })
        return
      }
      if (!current()) return
    }
    this.inner.shareId = shareId
    try {
      const opened = await reader.openShare(shareId, scene)
      if (current()) this.showOpened(opened)
    } catch (e) {
      if (!current()) return
      const { message, code } = failure(e)
      // A retired item or a broken link is no failure to retry: each has its own page and a way on.
      if (code === 'share_retired') void this.loadRetired()
      else if (code === 'share_invalid') this.setData({ view: 'invalid', invalidIncomplete: false, canGoBack: getCurrentPages().length > 1 })
      else this.setData({ view: 'failed', stateError: message })
    }
  },

  showOpened(this: ReaderPage, opened: OpenShareView) {
    const { content, agent } = opened
    const s = this.inner
    s.content = content
    s.agentName = agent.name
    this.setData({
      view: 'reader',
      article: contentData(content, agent),
      card: cardData(agent, true),
      askNps: opened.askNps,
      npsTitle: `您有多大可能把${agent.name || '我'}推荐给朋友？`,
      privacyShown: shouldShowPrivacyNotice(wxStorage),
      privacyBody: PRIVACY_NOTICE.body(agent.name),
    })
    // The open call creates the contact; the 'open' touchpoint itself goes through the queue
    // like every other one, so an open made offline-after-load is not lost either.
    if (!s.openTracked) {
      s.openTracked = true
      reader.track({ type: 'open', shareId: s.shareId })
    }
    if (content.kind === 'video' && content.videoUrl) s.video = this.newVideoTracker()
    if (content.kind === 'live') this.startLive(content)
    if (content.kind === 'article' || content.kind === 'poster') this.startReading()
  },

  async loadRetired(this: ReaderPage) {
    const shareId = this.inner.shareId
    if (this.data.view !== 'failed') this.setData({ view: 'loading', stateError: '' })
    this.inner.retry = () => void this.loadRetired()
    let view: ShareMoreView
    try {
      view = await reader.api().shareMore(shareId)
    } catch (e) {
      this.setData({ view: 'failed', stateError: failure(e).message })
      return
    }
    const { agent, more } = view
    this.inner.agentName = agent.name
    this.setData({
      view: 'retired',
      card: cardData(agent, false),
      retiredText: `这篇内容已不再提供。${more.length > 0 ? `您可以看看${agent.name}分享的其他内容，` : ''}有任何问题，可以直接咨询顾问。`,
      moreTitle: `${agent.name}的其他内容`,
      more: more.map((item) => ({
        shareId: item.shareId,
        title: item.title,
        coverUrl: item.coverUrl ?? '',
        meta: `${CONTENT_KIND_NAMES_ZH[item.kind]}${item.summary ? ` · ${item.summary}` : ''}`,
      })),
    })
  },

  /** 重试 on the error view: the call that failed, again (the open, the scene, or the retired share's other content). */
  retry(this: ReaderPage) {
    this.inner.retry()
  },

  // Read tracking (use-read-tracking.ts): depth from page scrolls and the root's height, dwell
  // paused while hidden, a last report and a flush when the page goes.
  startReading(this: ReaderPage) {
    const s = this.inner
    const shareId = s.shareId
    const t = new ReadDepthTracker({ now: () => Date.now(), emit: (e) => reader.track({ ...e, shareId }) })
    s.reading = t
    s.size.viewport = wxWindowHeight()
    // Wait for the article to lay out before the first-screen depth.
    s.firstMeasure = setTimeout(() => {
      void wxMeasureHeight('#reader-root').then((h) => {
        s.size.content = h
        s.size.measuredAt = Date.now()
        t.onScroll(s.size.scrollTop, s.size.viewport, h)
      })
    }, 300)
  },

  stopReading(this: ReaderPage) {
    const s = this.inner
    if (s.firstMeasure) clearTimeout(s.firstMeasure)
    s.firstMeasure = null
    s.reading?.end()
    s.reading = null
  },

  onPageScroll(this: ReaderPage, { scrollTop }: { scrollTop: number }) {
    const s = this.inner
    if (!s) return
    s.size.scrollTop = scrollTop
    const t = s.reading
    if (!t) return
    t.onScroll(scrollTop, s.size.viewport, s.size.content)
    // Images load and the page grows: measure again now and then.
    if (Date.now() - s.size.measuredAt > REMEASURE_MS) {
      s.size.measuredAt = Date.now()
      void wxMeasureHeight('#reader-root').then((h) => {
        if (h > 0) s.size.content = h
      })
    }
  },

  /** Any tap on the reader is reading activity (dwell keeps counting). */
  activity(this: ReaderPage) {
    this.inner.reading?.onActivity()
  },

  // The reader has no App of its own (an independent sub-package): leaving the page, or WeChat,
  // is when its queue goes out.
  onHide(this: ReaderPage) {
    const s = this.inner
    if (!s) return
    s.reading?.onHide()
    s.video?.end()
    s.live?.leave()
    void reader.tracker().flush()
  },

  onShow(this: ReaderPage) {
    const s = this.inner
    if (!s) return
    s.reading?.onShow()
    s.live?.enter(s.isLive)
  },

  onUnload(this: ReaderPage) {
    const s = this.inner
    if (!s) return
    this.stopReading()
    s.video?.end()
    s.live?.leave()
    if (s.liveTimer) clearInterval(s.liveTimer)
    void reader.tracker().flush()
  },

  // Video and live (media.tsx): progress milestones for a video, join/leave for a live stream.
  newVideoTracker(this: ReaderPage): VideoProgressTracker {
    const shareId = this.inner.shareId
    return new VideoProgressTracker({ now: () => Date.now(), emit: (e) => reader.track({ ...e, shareId }) })
  },

  videoTime(this: ReaderPage, e: { detail: { currentTime: number; duration: number } }) {
    this.inner.video?.onTimeUpdate(e.detail.currentTime, e.detail.duration)
  },

  videoEnded(this: ReaderPage) {
    this.inner.video?.end()
  },

  startLive(this: ReaderPage, content: ContentVersionView) {
    const s = this.inner
    const shareId = s.shareId
    s.liveStartsAt = content.liveStartsAt ? Date.parse(content.liveStartsAt) : NaN
    s.live = new LivePresence(() => Date.now(), (e) => reader.track({ ...e, shareId }))
    this.liveTick()
  },

  /** The live block's state now: countdown before the start, the player while live, replay after. */
  liveTick(this: ReaderPage) {
    const s = this.inner
    const content = s.content
    if (!content || !s.live) return
    const now = Date.now()
    const startsAt = s.liveStartsAt
    const status = content.liveStatus ?? (Number.isFinite(startsAt) && now < startsAt ? 'scheduled' : 'live')
    const waiting = status === 'scheduled' && Number.isFinite(startsAt) && now < startsAt
    const isLive = status === 'live' || (status === 'scheduled' && !waiting)
    let mode: LiveMode = 'ended'
    if (waiting) mode = 'waiting'
    else if (isLive && content.channelsFinderId) mode = 'channels'
    else if (isLive && content.videoUrl) mode = 'live'
    else if (isLive) mode = 'no-entry'
    else if (status === 'ended' && content.replayUrl) mode = 'replay'
    if (mode === 'replay' && !s.video) s.video = this.newVideoTracker()
    this.setData({
      live: {
        mode,
        timeText: formatLiveTime(content.liveStartsAt, content.liveEndsAt),
        countdown: waiting ? formatCountdown(startsAt - now) : '',
        channelsHint: !!content.channelsFinderId,
        videoUrl: content.videoUrl ? absoluteImageUrl(content.videoUrl) : '',
        replayUrl: content.replayUrl ? absoluteImageUrl(content.replayUrl) : '',
      },
    })
    s.isLive = isLive
    s.live.enter(isLive)
    if (waiting && !s.liveTimer) s.liveTimer = setInterval(() => this.liveTick(), 1000)
    if (!waiting && s.liveTimer) {
      clearInterval(s.liveTimer)
      s.liveTimer = null
    }
  },

  /** 进入视频号直播间 (media.tsx's ChannelsLiveEntry). */
  openChannelsLive(this: ReaderPage) {
    const finderUserName = this.inner.content?.channelsFinderId
    if (!finderUserName) return
    getWx().openChannelsLive({
      finderUserName,
      fail: () => getWx().showToast({ title: '暂时打不开直播间，请稍后再试或联系顾问', icon: 'none' }),
    })
  },

  // The agent's card, 咨询顾问 and the lead form.
  viewCard(this: ReaderPage) {
    const card = this.data.card
    if (!card) return
    if (this.data.view === 'reader') {
      this.inner.reading?.onActivity()
      if (!card.expanded) reader.track({ type: 'card_view', shareId: this.inner.shareId })
    }
    if (card.tappable) this.setData({ 'card.expanded': !card.expanded })
  },

  photoFailed(this: ReaderPage) {
    // A photo that fails to load shows the initial instead of a broken image.
    this.setData({ 'card.photoUrl': '' })
  },

  consult(this: ReaderPage) {
    if (this.data.view === 'single') {
      this.needsMiniProgram(`联系${this.inner.agentName}`)
      return
    }
    const open = this.data.consult.open
    if (this.data.view === 'reader' && !open) reader.track({ type: 'consult_tap', shareId: this.inner.shareId })
    if (open) {
      this.setData({ consult: EMPTY_CONSULT })
      return
    }
    this.inner.clientMessageId = reader.newClientId()
    this.setData({ consult: { ...EMPTY_CONSULT, open: true } })
    void this.loadReach()
  },

  closeConsult(this: ReaderPage) {
    this.setData({ consult: EMPTY_CONSULT })
  },

  async loadReach(this: ReaderPage) {
    this.setData({ 'consult.loading': true, 'consult.error': '' })
    try {
      const r = await reader.api().readerReach(this.inner.shareId)
      this.setData({
        'consult.loading': false,
        'consult.ready': true,
        'consult.agentName': r.agentName,
        'consult.phone': r.phone ?? '',
        'consult.qrUrl': r.wechatQrUrl ? absoluteImageUrl(r.wechatQrUrl) : '',
        'consult.qrLabel': r.wechatQrKind === 'wecom' ? '加企业微信' : '加微信',
      })
    } catch (e) {
      this.setData({ 'consult.loading': false, 'consult.error': failure(e).message })
    }
  },

  dialAgent(this: ReaderPage) {
    const phone = this.data.consult.phone
    if (!phone) return
    // Closing the dial sheet is no failure to report.
    getWx().makePhoneCall({ phoneNumber: phone, fail: () => undefined })
  },

  toggleQr(this: ReaderPage) {
    this.setData({ 'consult.showQr': !this.data.consult.showQr })
  },

  toggleWriting(this: ReaderPage) {
    this.setData({ 'consult.writing': !this.data.consult.writing })
  },

  typeMessage(this: ReaderPage, e: { detail: { value: string } }) {
    const text = e.detail.value
    this.setData({ 'consult.text': text, 'consult.count': [...text].length })
  },

  async sendMessage(this: ReaderPage) {
    const trimmed = this.data.consult.text.trim()
    if (!trimmed) {
      getWx().showToast({ title: '请写下想问的问题', icon: 'none' })
      return
    }
    this.setData({ 'consult.sending': true })
    try {
      await reader.api().leaveMessage(this.inner.shareId, this.inner.clientMessageId, trimmed)
      // One id per message typed: a retried send is stored once.
      this.inner.clientMessageId = reader.newClientId()
      this.setData({ 'consult.sent': true, 'consult.text': '', 'consult.count': 0 })
    } catch (e) {
      getWx().showToast({ title: (e as Error).message, icon: 'none' })
    } finally {
      this.setData({ 'consult.sending': false })
    }
  },

  leadFromConsult(this: ReaderPage) {
    getWx().navigateTo({ url: leadPageUrl(this.inner.shareId, true) })
  },

  leaveLead(this: ReaderPage) {
    if (this.data.view === 'single') {
      this.needsMiniProgram('留下联系方式，免费获取方案')
      return
    }
    getWx().navigateTo({ url: leadPageUrl(this.inner.shareId, false) })
  },

  /** Single-page mode cannot navigate nor log in: say where WeChat's 前往小程序 is. */
  needsMiniProgram(this: ReaderPage, what: string) {
    getWx().showModal({
      title: GO_TO_MINI_PROGRAM,
      content: needsMiniProgramText(what),
      showCancel: false,
      confirmText: '知道了',
      confirmColor: '#c8102e',
    })
  },

  answerNps(this: ReaderPage, e: { currentTarget: { dataset: { score: number | string } } }) {
    const score = Number(e.currentTarget.dataset.score)
    reader.track({ type: 'nps_answer', shareId: this.inner.shareId, npsScore: score })
    this.setData({
      npsAnswered: true,
      npsThanks: score >= 9 ? '如果身边有朋友也需要，欢迎把我推荐给他们。' : '您的意见我会认真对待，继续做好服务。',
    })
  },

  // 我的信息 and the first-open notice.
  myData() {
    getWx().navigateTo({ url: MY_DATA_PAGE })
  },

  dismissPrivacy(this: ReaderPage) {
    rememberPrivacyNoticeSeen(wxStorage)
    this.setData({ privacyShown: false })
  },

  privacyMyData(this: ReaderPage) {
    this.dismissPrivacy()
    getWx().navigateTo({ url: MY_DATA_PAGE })
  },

  // 该内容已下架 and 链接无效.
  openMore(this: ReaderPage, e: { currentTarget: { dataset: { share: string } } }) {
    // Another of the agent's shares opens in place of this page: the reader starts again with its id.
    getWx().redirectTo({ url: sharePath(e.currentTarget.dataset.share) })
  },

  back() {
    getWx().navigateBack()
  },

  onShareAppMessage(this: ReaderPage) {
    const s = this.inner
    const shareId = s?.shareId ?? ''
    const title = s?.content?.title ?? '推荐给你'
    // A child share, so the agent sees who brought the new reader (转介绍).
    const promise = reader
      .api()
      .forwardShare(shareId, 'friend')
      .then((child) => {
        reader.track({ type: 'forward', shareId })
        return { title, path: sharePath(child.shareId) }
      })
      .catch(() => ({ title, path: sharePath(shareId) }))
    return { title, path: shareId ? sharePath(shareId) : READER_PAGE, promise }
  },
})
