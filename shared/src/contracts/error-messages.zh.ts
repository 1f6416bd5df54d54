/**
 * Every error code the server answers, with the Chinese a person reads for it. One table for the
 * server (its default message per code), the mini program (ApiError's text when a body carries no
 * Chinese) and the consoles (served as /operator/error-messages.js and /admin/error-messages.js).
 * Each message says what happened and what to do next. A code is stable: clients branch on it,
 * never on the words.
 */
export const ERROR_MESSAGES_ZH = {
  // Input
  field_invalid: '有内容没有填对，请按提示修改后再提交',
  invalid_json: '提交的内容无法读取，请刷新页面后重试',
  invalid_encoding: '提交的内容无法解码，请刷新页面后重试',
  bad_request: '请求无法读取，请刷新页面后重试',
  payload_too_large: '提交的内容太大，请删减后再提交',
  unsupported_media_type: '提交的格式不对，请刷新页面后重试',
  invalid_rules: '跟进规则有误，请按提示修改后再保存，规则没有改动',

  // Who may do what
  unauthorized: '登录已失效，请重新登录后再试',
  forbidden: '您没有权限做这件事，如需开通请联系管理员',
  not_owner: '只有客户的专属营销员可以这样做，如需处理请联系该营销员',
  not_author: '只有记录的作者可以修改或删除它',
  staff_deactivated: '该员工账号已停用，无法登录或绑定，如有疑问请联系管理员',
  bootstrap_token_admin_only: '初始化令牌只能创建管理员：请用该管理员的微信登录后再创建其他员工',
  bootstrap_token_limited: '初始化令牌只能用来建立组织和第一位管理员，请用微信登录',
  bootstrap_token_retired: '第一位管理员绑定微信后，初始化令牌已失效，请用管理员微信登录',

  // Not found: what, and where to go
  not_found: '没有找到要访问的页面，请返回上一页刷新后再试',
  page_not_found: '没有找到这个页面文件，请刷新页面后重试',
  contact_not_found: '没有找到这位客户，可能已移交或合并，请回到客户列表刷新',
  pool_contact_not_found: '公海里没有这位客户，可能已被领走，请刷新公海列表',
  phone_not_found: '没有找到这个手机号，请刷新客户档案后重试',
  lead_not_found: '没有找到这条留资，请刷新后重试',
  note_not_found: '没有找到这条记录，可能已被删除，请刷新后重试',
  merge_not_found: '没有找到这次合并，请刷新客户档案后重试',
  task_not_found: '没有找到这条跟进任务，可能已完成或删除，请刷新今日列表',
  reminder_not_found: '没有找到这条提醒，可能已完成或删除，请刷新后重试',
  policy_not_found: '没有找到这张保单，请刷新保单列表后重试',
  org_unit_not_found: '没有找到这个组织，请刷新组织树后重试',
  staff_not_found: '没有找到这位员工，可能不在您的管辖范围内，请刷新后重试',
  agent_not_found: '没有找到这位营销员，可能已停用或不在您的管辖范围内，请刷新后重试',
  team_not_found: '没有找到这个团队，请选择一个团队后重试',
  snapshot_not_found: '还没有这一天的看板数据，请选择其他日期或明天再看',
  content_not_found: '没有找到这条内容，可能已下架或您无权查看，请返回内容库刷新',
  tag_not_found: '没有找到这个标签，请刷新标签树后重试',
  forbidden_word_not_found: '没有找到这个禁用词，请刷新列表后重试',
  notice_not_found: '没有找到这条通知，请刷新通知列表',
  import_job_not_found: '没有找到这次导入，请重新上传文件',
  image_not_found: '图片不存在或已被删除，请重新上传',
  upload_not_found: '文件不存在或已被删除，请重新上传',
  consent_not_found: '没有找到这条授权记录，请刷新后重试',

  // Shares
  share_invalid: '这个分享链接无效，请让分享给您的顾问重新发送',
  share_retired: '该内容已下架，可以看看顾问分享的其他内容，或直接咨询顾问',

  // Staff, invites, WeChat identity
  invite_code_invalid: '邀请码不正确、已使用或已过期，请核对 8 位邀请码，或请管理员重新生成',
  already_bound: '这个微信已绑定了员工账号，请直接登录；如需换绑请联系管理员',
  already_deactivated: '该员工已停用，无需再次停用',
  holds_contacts: '该员工名下还有客户，请先移交客户再改角色',
  phone_not_mainland: '微信绑定的不是中国大陆手机号，请手动填写手机号',

  // Content
  content_not_approved: '只有审核通过的内容可以分享，请等待审核或选择其他内容',
  content_version_superseded: '这条内容有更新的版本，请刷新内容库后分享新版本',
  content_changed: '内容刚被他人修改过，请刷新后再编辑',
  four_eyes_self_approval: '不能审核自己撰写或提交的内容，请另一位运营审核',
  illegal_transition: '内容当前状态下不能这样操作，请刷新后查看最新状态',
  forbidden_words: '合规检查未通过：含有禁用词，请修改后再提交',
  wechat_sec_check_failed: '微信内容安全检测未通过，请修改后再提交',
  wechat_identity_required: '发布给客户的内容须由微信登录的人提交（微信按用户做内容检测），请用微信登录后再提交',
  word_exists: '这个禁用词已在列表中，无需重复添加',
  tag_exists: '这个标签编码已存在，请换一个编码',

  // Contacts, policies, merges
  duplicate_phone: '该手机号已在另一位客户名下，请先查看那位客户，必要时合并',
  no_phone: '该客户还没有手机号，请先在客户档案里补充',
  duplicate_policy_number: '该保单号已登记过，请核对保单号或打开已有保单',
  client_event_reused: '这次提交的编号已用于另一张保单，请刷新页面后重新填写',
  contact_opted_out: '客户已选择不接收个性化跟进，不能再设提醒；如客户改变主意，请客户重新授权',
  already_undone: '这次合并已经撤销过了，无需再次撤销',
  undo_expired: '合并已超过可撤销的期限，不能撤销；如需分开，请在客户档案里手动调整',
  merged_since: '该客户之后又被合并到其他客户，请先撤销那次合并',
  contact_in_pool: '公海中的客户不能合并，请先领取',
  already_merged: '其中一位客户已经被合并了，请刷新客户列表',

  // Tasks and reminders
  task_closed: '这条任务已经处理过了，请刷新今日列表',

  // Handover and the pool
  already_held: '您已有此客户，无需认领',
  claim_limit_reached: '今日认领已达上限，请明天再来或请团队长分配',
  not_in_pool: '该客户已被领走，请刷新公海列表',
  moved_meanwhile: '有客户刚被他人移动或认领，请刷新后重试',

  // Imports and uploads
  file_too_large: '文件太大，请拆成几个小文件分别导入',
  too_many_rows: '一次导入的行数太多，请拆成几个文件分别导入',
  unreadable_file: '文件无法读取，请另存为 .csv 或 .xlsx 后重新上传',
  already_committed: '这个文件已经开始导入了，请在导入记录里查看结果',
  upload_too_large: '图片太大，请压缩到 2 MB 以内后重新上传',
  upload_not_image: '只支持 PNG、JPEG 或 WebP 图片，请换一张图片',
  video_too_large: '视频太大，请压缩到 50 MB 以内后重新上传',
  upload_not_mp4: '只支持 MP4 视频（H.264），请用剪辑软件导出为 MP4 后重新上传',
  range_not_satisfiable: '请求的视频片段超出了文件长度，请刷新后重新播放',

  // Events and messages
  batch_too_large: '一次上报的记录太多，请稍后自动重试',
  event_too_large: '单条记录太大，已忽略',
  messages_rate_limited: '留言太频繁了，请稍后再留言，或直接致电顾问',

  // Load and outages
  rate_limited: '操作太频繁了，请稍等一会儿再试',
  wechat_rate_limited: '微信繁忙，请一分钟后再试',
  wechat_unavailable: '暂时连不上微信，请稍后重试',
  wechat_bad_reply: '微信返回了无法识别的结果，请稍后重试',
  wechat_credentials_invalid: '小程序的微信配置有误，请联系管理员检查 AppID 和密钥',
  wechat_openid_rejected: '微信暂时无法为您做内容检测：请先用这个微信打开小程序，两小时内再提交',
  wechat_page_unknown: '微信找不到小程序里的这个页面，请确认小程序已发布新版本',
  wechat_phone_code_invalid: '微信手机号授权已失效，请重新点击“使用微信手机号”',
  wechat_code_invalid: '微信登录凭证已失效，请重新打开小程序',
  internal: '服务出了点问题，请稍后重试；如果一直这样，请联系管理员',
  database_unavailable: '服务暂时不可用，请稍后重试',
  database_busy: '服务繁忙，请稍后重试',
  shutting_down: '服务正在重启，请稍后重试',

  // Only the mini program makes these (no answer, or an answer without a code).
  network: '网络不可用，请检查网络后重试',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_MESSAGES_ZH;
/** The codes the server answers with (the rest are the mini program's own). */
export type ServerErrorCode = Exclude<ErrorCode, 'network'>;
export const ERROR_CODES = Object.keys(ERROR_MESSAGES_ZH) as ErrorCode[];

/** What a 404 names: notFound('contact') answers contact_not_found. */
export type NotFoundSubject = ErrorCode extends infer C ? C extends `${infer S}_not_found` ? S : never : never;

export const isErrorCode = (code: string): code is ErrorCode => Object.prototype.hasOwnProperty.call(ERROR_MESSAGES_ZH, code);

/** The Chinese for an HTTP status when the answer carried no known code (a proxy's page, an empty body). */
export function statusMessageZh(status: number): string {
  if (status === 0) return ERROR_MESSAGES_ZH.network;
  if (status === 400) return ERROR_MESSAGES_ZH.bad_request;
  if (status === 401) return ERROR_MESSAGES_ZH.unauthorized;
  if (status === 403) return ERROR_MESSAGES_ZH.forbidden;
  if (status === 404) return ERROR_MESSAGES_ZH.not_found;
  if (status === 409) return '数据刚被修改过，请刷新后重试';
  if (status === 410) return '该内容已下架';
  if (status === 413) return ERROR_MESSAGES_ZH.payload_too_large;
  if (status === 429) return ERROR_MESSAGES_ZH.rate_limited;
  if (status >= 500) return ERROR_MESSAGES_ZH.database_unavailable;
  return '操作没有成功，请稍后重试';
}

/** True when a text has Chinese in it: a message or reason a person can read. */
export const hasChinese = (text: string): boolean => /[\u4e00-\u9fff]/.test(text);

/**
 * The Chinese a client shows for an error: the server's message when it is Chinese (it may name
 * the contact or the limit), else the table's message for the code, else the status's.
 */
export function errorTextZh(error: { status: number; code?: string | null; message?: string | null }): string {
  if (error.message && hasChinese(error.message)) return error.message;
  if (error.code && isErrorCode(error.code)) return ERROR_MESSAGES_ZH[error.code];
  return statusMessageZh(error.status);
}

/**
 * Request fields by name, as a person reads them. A path like "phones.2.phone" or "when.cells[0]"
 * is found by its last named part; see fieldLabelZh.
 */
export const FIELD_LABELS_ZH: Record<string, string> = {
  '(body)': '提交的内容',
  momentsCopy: '朋友圈文案', scene: '打开场景',
  after: '翻页位置', agentId: '营销员', agentTag: '营销员标签', agentTags: '营销员标签', annualPremiumFen: '年缴保费', basis: '依据',
  birthday: '生日', body: '内容', bodyHtml: '正文', budgetFen: '预算', category: '类别', cell: '客户分群', cells: '客户分群',
  channel: '分享渠道', channelsFinderId: '视频号ID', clientEventId: '提交编号', clientMessageId: '留言编号', code: '编码', colour: '颜色', column: '列',
  consent: '授权', contactId: '客户', contactIds: '客户', contentBase64: '文件', contentVersionId: '内容版本', coverUrl: '封面图',
  csv: '表格', dailyCap: '每日上限', date: '日期', day: '日期', days: '天数', depthPct: '阅读深度', dueAt: '提醒时间',
  dueInHours: '完成时限', durationSec: '时长', effectiveDate: '生效日期', employeeNo: '工号', events: '记录', family: '标签类别',
  familyMembers: '家庭成员', file: '文件', fileName: '文件名', format: '格式', from: '开始日期', fromAgentId: '移出人',
  fromContactId: '要合并的客户', gender: '性别', given: '同意', header: '表头', healthConsent: '健康信息授权', id: '编号',
  insuredName: '被保险人', insuredPerson: '被保险人', insuredRelation: '与被保险人关系', insurer: '保险公司', intro: '个人简介',
  introTemplate: '简介模板', inviteCode: '邀请码', kind: '类型', lastTouchWithinDays: '最近联系天数', licenceNo: '执业证号',
  limit: '数量', liveEndsAt: '直播结束时间', liveStartsAt: '直播开始时间', mapping: '列对应', messageTemplate: '建议话术',
  minViewers: '最少观看人数', name: '名称', need: '需求', needs: '需求', nextPremiumDate: '下次缴费日期', note: '备注',
  occurredAt: '发生时间', orgUnitId: '组织', orgUnitIds: '组织', outcome: '结果', page: '页码', pageSize: '每页条数',
  parentCode: '上级标签', parentId: '上级组织', paymentFrequency: '缴费频率', paymentTermYears: '缴费年期',
  personaTemplate: '名片模板', phone: '手机号', phoneCode: '微信手机号', phoneId: '手机号', phonePublic: '向客户展示手机号',
  phones: '手机号', photoUrl: '头像', policiesHeld: '已有保单', policyNumber: '保单号', preset: '推迟到', priority: '优先级',
  productName: '产品名称', purpose: '用途', q: '搜索词', quietEnd: '免打扰结束时间', quietStart: '免打扰开始时间',
  realName: '真实姓名', reason: '原因', receiverAgentId: '接收人', referral: '转介绍', relation: '关系', relationship: '关系',
  remarkName: '备注名', repeat: '重复', replayUrl: '回放地址', results: '订阅结果', role: '角色', ruleOrder: '规则顺序',
  rules: '跟进规则', sentAtDeviceMs: '发送时间', shareId: '分享', signedDate: '签单日期', silentForDays: '沉默天数',
  since: '起始时间', sort: '排序', source: '来源', stage: '阶段', stages: '阶段', status: '状态', summary: '摘要', tag: '标签',
  tags: '标签', task: '任务', action: '动作', templates: '模板', text: '留言', textVersion: '文本版本', title: '标题', to: '结束日期',
  touchpointTypes: '互动类型', anyContentTags: '内容标签', transition: '阶段变化', type: '类型', unread: '未读', until: '推迟到',
  videoUrl: '视频地址', visibility: '可见范围', visibleFrom: '上架时间', visibleOrgUnitIds: '可见组织', visibleUntil: '下架时间',
  weekday: '星期', when: '触发条件', wechatFriend: '微信好友', wechatId: '微信号', wechatQrKind: '二维码类型',
  wechatQrUploadId: '微信二维码', word: '禁用词',
};

/** The Chinese name of a request field: the whole path if the table has it, else its last named part. */
export function fieldLabelZh(field: string): string {
  // Own keys only: a field named "constructor" must not find Object.prototype's.
  const own = (name: string) => (Object.prototype.hasOwnProperty.call(FIELD_LABELS_ZH, name) ? FIELD_LABELS_ZH[name] : undefined);
  const whole = own(field);
  if (whole) return whole;
  const parts = field.split(/[.[\]]+/).filter((p) => p !== '' && !/^\d+$/.test(p));
  for (let i = parts.length - 1; i >= 0; i -= 1) {
    const label = own(parts[i] as string);
    if (label) return label;
  }
  return '填写的内容';
}
