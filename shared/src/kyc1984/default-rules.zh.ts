/**
 * The seeded follow-up rules, in the words an agent would really send. Compliance: no promised
 * returns, no product push in the first contact, the customer can always say no. Every touchpoint
 * type has a plain rule, so every touchpoint gets a task; transitions add the sharper ones.
 */
import type { FollowUpRule } from './follow-up-rules';

/** The default rule set (operators edit copies of it through the API). */
export const DEFAULT_FOLLOW_UP_RULES: readonly FollowUpRule[] = [
  // ---- transitions: what the touchpoint changed -----------------------------------------
  {
    id: 'lead-need-awakened',
    name: '留资并说明需求：1小时内回电',
    when: { touchpointTypes: ['lead_submit'], transition: 'stage_up', stages: [5] },
    task: {
      action: '1小时内电话回访，确认需求、预算和被保险人',
      channel: 'call',
      messageTemplate:
        '{contactName}您好，我是{agentName}。收到您留的信息了，谢谢信任！关于{need}这块，我先按您说的情况理一下思路，不急着推荐产品。您今天什么时候方便，我打个电话跟您聊10分钟？',
      dueInHours: 1,
      priority: 1,
    },
    ruleOrder: 10,
  },
  {
    id: 'intent-to-high',
    name: '意向度升到高：邀约面谈',
    when: { transition: 'intent_band_up', cells: ['low-high', 'mid-high', 'high-high'] },
    task: {
      action: '意向度升到高：4小时内邀约面谈或视频，准备需求分析',
      channel: 'meet',
      messageTemplate:
        '{contactName}，看您最近挺关注{need}的，身边不少朋友也有类似的疑问。我整理了一份常见问题清单，要不约个时间当面或视频聊聊？半小时就够，先帮您把思路理清楚。',
      dueInHours: 4,
      priority: 1,
    },
    ruleOrder: 20,
  },
  {
    id: 'intent-up',
    name: '意向度提升：送干货，轻询问',
    when: { transition: 'intent_band_up' },
    task: {
      action: '意向度提升：发一份相关的知识资料，顺带问问需求',
      channel: 'message',
      messageTemplate:
        '{contactName}，看您在了解{need}方面的内容，我这有一份通俗版的{need}知识清单，需要的话发您参考？有看不明白的地方随时问我。',
      dueInHours: 24,
      priority: 2,
    },
    ruleOrder: 30,
  },
  {
    id: 'trust-up',
    name: '信任度提升：多一次价值互动',
    when: { transition: 'trust_band_up' },
    task: {
      action: '信任度提升：发一次问候或有用的小知识，加深关系',
      channel: 'message',
      messageTemplate:
        '{contactName}，最近还好吗？我平时会整理一些健康和家庭保障的小知识，看到有用的就分享给您，有什么想了解的也可以直接问我。',
      dueInHours: 48,
      priority: 3,
    },
    ruleOrder: 40,
  },
  {
    id: 'became-active-promoter',
    name: '成为影响力中心：致谢并邀约活动',
    when: { transition: 'became_active_promoter' },
    task: {
      action: '客户成为主动推荐者：当面或电话致谢，邀请参加客户活动',
      channel: 'call',
      messageTemplate:
        '{contactName}，谢谢您一直帮我介绍身边的朋友，真的很感谢您的信任！最近我们有一场客户答谢活动，想请您一起来，方便的话我把时间和地点发您？',
      dueInHours: 48,
      priority: 2,
    },
    ruleOrder: 50,
  },
  {
    id: 'became-negative',
    name: '推荐评分低：服务补救',
    when: { transition: 'became_negative' },
    task: {
      action: '推荐评分偏低：24小时内电话了解原因，做服务补救，暂停推荐内容',
      channel: 'call',
      messageTemplate:
        '{contactName}您好，我是{agentName}。看到您的反馈了，想听听哪里让您不满意，我好改进。您方便的时候回我一句，或者我给您打个电话？',
      dueInHours: 24,
      priority: 1,
    },
    ruleOrder: 60,
  },
  {
    id: 'deal-won',
    name: '签单：致谢与保单服务',
    when: { touchpointTypes: ['policy_signed'], transition: 'deal_won', stages: [8] },
    task: {
      action: '签单后：发送致谢和保单服务说明，犹豫期内再回访一次',
      channel: 'message',
      messageTemplate:
        '{contactName}，谢谢您的信任！保单的保障要点和理赔流程我整理好了，稍后发您一份。犹豫期内我会再跟您确认一遍保障内容，之后有任何问题随时找我。',
      dueInHours: 24,
      priority: 2,
    },
    ruleOrder: 70,
  },
  {
    id: 'deal-lost',
    name: '未成交：保持联系',
    when: { touchpointTypes: ['closed_lost'], transition: 'deal_lost', stages: [8] },
    task: {
      action: '未成交：发一条不施压的问候，三个月后再关心',
      channel: 'message',
      messageTemplate:
        '{contactName}，这次没帮上忙没关系，保险本来就要想清楚再决定。以后有任何保障上的疑问随时找我，我也会偶尔分享一些实用的小知识给您。',
      dueInHours: 72,
      priority: 4,
    },
    ruleOrder: 80,
  },
  {
    id: 'stage-2-appointable',
    name: '进入约访名单：私聊问候',
    when: { transition: 'stage_up', stages: [2] },
    task: {
      action: '进入约访名单：私聊问候，尝试约一次电话',
      channel: 'message',
      messageTemplate:
        '{contactName}，看到您常看我分享的内容，谢谢关注！最近有没有特别想了解的话题？我可以有针对性地帮您整理。',
      dueInHours: 24,
      priority: 3,
    },
    ruleOrder: 90,
  },
  {
    id: 'stage-3-valuable',
    name: '进入有价值名单：借内容开启话题',
    when: { transition: 'stage_up', stages: [3] },
    task: {
      action: '进入有价值名单：围绕读过的内容聊聊家里的情况',
      channel: 'message',
      messageTemplate:
        '{contactName}，{contentTitle}里讲的情况其实挺常见的，您家里有没有类似的考虑？有疑问可以随时问我，我尽量用大白话讲清楚。',
      dueInHours: 24,
      priority: 2,
    },
    ruleOrder: 100,
  },
  {
    id: 'stage-4-topic-opened',
    name: '开启保险话题：了解家庭保障现状',
    when: { transition: 'stage_up', stages: [4] },
    task: {
      action: '开启保险话题：12小时内了解家庭情况和已有保障',
      channel: 'call',
      messageTemplate:
        '{contactName}，看您对{need}挺关注的。方便跟我说说家里目前有哪些保障吗？我帮您看看有没有缺口，不一定要买，先把情况弄清楚。',
      dueInHours: 12,
      priority: 1,
    },
    ruleOrder: 110,
  },
  {
    id: 'stage-6-proposal-made',
    name: '建议书已制作：约递送',
    when: { touchpointTypes: ['proposal_made'], transition: 'stage_up', stages: [6] },
    task: {
      action: '建议书已制作：约客户当面或视频讲解',
      channel: 'meet',
      messageTemplate:
        '{contactName}，根据您上次说的情况，我整理好了一份保障方案，想约个时间当面或视频给您讲讲，大概半小时，您看哪天方便？',
      dueInHours: 24,
      priority: 1,
    },
    ruleOrder: 120,
  },
  {
    id: 'stage-7-proposal-delivered',
    name: '建议书已递送：收集疑问',
    when: { touchpointTypes: ['proposal_delivered'], transition: 'stage_up', stages: [7] },
    task: {
      action: '建议书已递送：48小时内回访，收集疑问',
      channel: 'call',
      messageTemplate:
        '{contactName}，方案您看了吗？有哪里不清楚或者觉得不合适的，直接告诉我，我们一起调整，不着急做决定。',
      dueInHours: 48,
      priority: 1,
    },
    ruleOrder: 130,
  },
  {
    id: 'stage-8-objection',
    name: '进入异议处理：针对顾虑准备解答',
    when: { touchpointTypes: ['objection'], transition: 'stage_up', stages: [8] },
    task: {
      action: '进入异议处理：记下客户的顾虑，准备条款和案例再沟通',
      channel: 'meet',
      messageTemplate:
        '{contactName}，您提的顾虑很正常，我把相关条款和常见问题整理一下，明天发您，您看完我们再聊。',
      dueInHours: 24,
      priority: 1,
    },
    ruleOrder: 140,
  },
  // ---- plain touchpoint rules: every touchpoint type has one -------------------------------
  {
    id: 'open-new-contact',
    name: '新客户首次打开：自然开场',
    when: { touchpointTypes: ['open'], stages: [1] },
    task: {
      action: '新客户打开了内容：发一句问候，自然开场',
      channel: 'message',
      messageTemplate: '{contactName}您好，我是{agentName}。刚分享的{contentTitle}您看了，有什么想法欢迎跟我交流。',
      dueInHours: 24,
      priority: 4,
    },
    ruleOrder: 200,
  },
  {
    id: 'open',
    name: '打开内容：留意阅读情况',
    when: { touchpointTypes: ['open'] },
    task: {
      action: '客户打开了内容：留意阅读情况，暂不打扰',
      channel: 'observe',
      messageTemplate: '{contactName}，{contentTitle}要是觉得有用，也可以转给需要的朋友看看。',
      dueInHours: 72,
      priority: 5,
    },
    ruleOrder: 210,
  },
  {
    id: 'read-need',
    name: '阅读需求类内容：分享延伸资料',
    when: { touchpointTypes: ['read_progress', 'read_complete'], anyContentTags: ['need:*'] },
    task: {
      action: '客户在读需求类内容：分享一份延伸资料',
      channel: 'message',
      messageTemplate: '{contactName}，看您在看{contentTitle}，关于{need}我这还有一份常见误区的整理，需要的话发您？',
      dueInHours: 24,
      priority: 3,
    },
    ruleOrder: 220,
  },
  {
    id: 'read',
    name: '阅读内容：记录兴趣',
    when: { touchpointTypes: ['read_progress', 'read_complete'] },
    task: {
      action: '客户读了内容：记下兴趣，下次分享同类内容',
      channel: 'observe',
      messageTemplate: '{contactName}，最近分享的{contentTitle}觉得怎么样？有感兴趣的话题可以告诉我。',
      dueInHours: 72,
      priority: 5,
    },
    ruleOrder: 230,
  },
  {
    id: 'video',
    name: '观看视频：问问收获',
    when: { touchpointTypes: ['video_progress'] },
    task: {
      action: '客户看了视频：问问有没有想深入了解的点',
      channel: 'message',
      messageTemplate: '{contactName}，{contentTitle}这个视频讲得挺实在的，看完有什么想问的可以找我。',
      dueInHours: 48,
      priority: 4,
    },
    ruleOrder: 240,
  },
  {
    id: 'live-join',
    name: '进入直播：直播后跟进',
    when: { touchpointTypes: ['live_join'] },
    task: {
      action: '客户进入直播：直播结束后问问收获',
      channel: 'message',
      messageTemplate: '{contactName}，谢谢来看直播！有没有想深入了解的地方？我可以单独给您讲讲。',
      dueInHours: 12,
      priority: 3,
    },
    ruleOrder: 250,
  },
  {
    id: 'live-leave',
    name: '离开直播：发回放和要点',
    when: { touchpointTypes: ['live_leave'] },
    task: {
      action: '客户离开直播：发送回放和要点',
      channel: 'message',
      messageTemplate: '{contactName}，直播的回放和要点我整理好了，有空可以再看看，有问题随时问我。',
      dueInHours: 24,
      priority: 4,
    },
    ruleOrder: 260,
  },
  {
    id: 'card-view',
    name: '查看名片：主动打招呼',
    when: { touchpointTypes: ['card_view'] },
    task: {
      action: '客户看了名片：主动打招呼，说清能帮上什么',
      channel: 'message',
      messageTemplate: '{contactName}您好，我是{agentName}，平时主要帮家庭做保障规划和理赔协助，有需要随时找我。',
      dueInHours: 24,
      priority: 3,
    },
    ruleOrder: 270,
  },
  {
    id: 'consult',
    name: '点击咨询：1小时内回复',
    when: { touchpointTypes: ['consult_tap'] },
    task: {
      action: '客户点了咨询：1小时内回复',
      channel: 'message',
      messageTemplate: '{contactName}您好，我是{agentName}，看到您想咨询，请问想了解哪方面？您方便的话我直接给您打个电话。',
      dueInHours: 1,
      priority: 1,
    },
    ruleOrder: 280,
  },
  {
    id: 'forward',
    name: '转发内容：致谢',
    when: { touchpointTypes: ['forward'] },
    task: {
      action: '客户转发了内容：致谢，留意新来的朋友',
      channel: 'message',
      messageTemplate: '{contactName}，谢谢您帮忙转发{contentTitle}！朋友看了有问题的话，也欢迎直接找我。',
      dueInHours: 48,
      priority: 4,
    },
    ruleOrder: 290,
  },
  {
    id: 'lead',
    name: '留资：2小时内回访',
    when: { touchpointTypes: ['lead_submit'] },
    task: {
      action: '客户留了联系方式：2小时内回访，了解关心的保障',
      channel: 'call',
      messageTemplate: '{contactName}您好，我是{agentName}，看到您留了联系方式，想了解下您最近关心哪方面的保障？方便时我给您打个电话。',
      dueInHours: 2,
      priority: 1,
    },
    ruleOrder: 300,
  },
  {
    id: 'nps',
    name: '推荐评分：致谢',
    when: { touchpointTypes: ['nps_answer'] },
    task: {
      action: '客户做了推荐评分：发一句感谢',
      channel: 'message',
      messageTemplate: '{contactName}，谢谢您的评分和反馈，我会继续把服务做好！',
      dueInHours: 72,
      priority: 4,
    },
    ruleOrder: 310,
  },
  {
    id: 'call',
    name: '电话后：发要点小结',
    when: { touchpointTypes: ['call'] },
    task: {
      action: '电话后：发一份沟通要点小结',
      channel: 'message',
      messageTemplate: '{contactName}，刚才电话里聊到的要点我整理了一下发您参考，有要补充的随时说。',
      dueInHours: 4,
      priority: 3,
    },
    ruleOrder: 320,
  },
  {
    id: 'visit',
    name: '面谈后：发感谢和纪要',
    when: { touchpointTypes: ['visit'] },
    task: {
      action: '面谈后：24小时内发感谢和面谈纪要，约下一步',
      channel: 'message',
      messageTemplate: '{contactName}，谢谢您今天抽时间见面，聊到的情况我都记下了，整理好资料后再跟您约时间。',
      dueInHours: 24,
      priority: 2,
    },
    ruleOrder: 330,
  },
  {
    id: 'proposal-made',
    name: '建议书已制作（再次）：约讲解',
    when: { touchpointTypes: ['proposal_made'] },
    task: {
      action: '建议书已更新：约客户讲解调整的部分',
      channel: 'meet',
      messageTemplate: '{contactName}，按您的意见我把方案调整好了，找个时间给您讲讲改了哪些地方？',
      dueInHours: 24,
      priority: 2,
    },
    ruleOrder: 340,
  },
  {
    id: 'proposal-delivered',
    name: '建议书已递送（再次）：回访',
    when: { touchpointTypes: ['proposal_delivered'] },
    task: {
      action: '建议书已递送：48小时内回访',
      channel: 'call',
      messageTemplate: '{contactName}，调整后的方案您看了吗？哪里还不合适直接告诉我。',
      dueInHours: 48,
      priority: 2,
    },
    ruleOrder: 350,
  },
  {
    id: 'objection',
    name: '异议：针对顾虑准备资料',
    when: { touchpointTypes: ['objection'] },
    task: {
      action: '客户又提了顾虑：准备条款和案例，约时间解答',
      channel: 'meet',
      messageTemplate: '{contactName}，您担心的这一点我查了条款，整理好发您，有不清楚的我们电话里细说。',
      dueInHours: 24,
      priority: 2,
    },
    ruleOrder: 360,
  },
  {
    id: 'policy-signed',
    name: '签单（加保）：致谢',
    when: { touchpointTypes: ['policy_signed'] },
    task: {
      action: '客户又签了一单：致谢并发送保单服务说明',
      channel: 'message',
      messageTemplate: '{contactName}，再次谢谢您的信任！新保单的保障要点我整理好了，稍后发您。',
      dueInHours: 24,
      priority: 2,
    },
    ruleOrder: 370,
  },
  {
    id: 'closed-lost',
    name: '未成交：保持联系',
    when: { touchpointTypes: ['closed_lost'] },
    task: {
      action: '未成交：保持联系，不施压',
      channel: 'message',
      messageTemplate: '{contactName}，没关系，以后有保障方面的疑问随时找我。',
      dueInHours: 72,
      priority: 5,
    },
    ruleOrder: 380,
  },
  {
    id: 'anniversary-service',
    name: '保单周年：核对信息，关心变化',
    when: { touchpointTypes: ['anniversary_service'] },
    task: {
      action: '保单周年服务后：确认信息有无变化，问问家里的新情况',
      channel: 'call',
      messageTemplate:
        '{contactName}，又到保单周年了，我帮您核对了一下保单信息。家里最近有没有新情况，比如工作变动或者添了新成员？需要的话我帮您看看保障是否还合适。',
      dueInHours: 72,
      priority: 3,
    },
    ruleOrder: 390,
  },
];
