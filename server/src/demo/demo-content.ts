import type { NewContent } from '../modules/content/content.service';

/** A few approved items so that a fresh install has something to share (the full library is imported from content/). */
export const DEMO_CONTENT: NewContent[] = [
  {
    kind: 'article', title: '重疾险的三个常见误区', summary: '买重疾险之前，先弄清这三件事。',
    bodyHtml: '<h2>误区一：年轻不用买</h2><p>重疾发病有年轻化趋势，越早投保保费越低。</p><h2>误区二：有医保就够了</h2><p>医保报销有目录和比例限制，康复期收入损失也需要考虑。</p><h2>误区三：保额越低越省钱</h2><p>保额应覆盖三到五年的收入与治疗费用。</p>',
    tags: ['need:critical_illness', 'audience:white_collar', 'stage:3'],
  },
  {
    kind: 'article', title: '宝妈必看：孩子的第一份保险怎么选', summary: '先医疗、后重疾，再考虑教育金。',
    bodyHtml: '<p>给孩子配置保险，顺序比产品更重要：先配置少儿医疗与意外，再配置少儿重疾，最后考虑教育金储备。</p>',
    tags: ['need:medical', 'need:education', 'audience:young_mothers', 'life_event:newborn', 'stage:2'],
  },
  {
    kind: 'article', title: '企业主如何做好家企资产隔离', summary: '用保单为家庭财富加一道防火墙。',
    bodyHtml: '<p>企业经营有风险，家庭资产需要有清晰的边界。终身寿险与年金保险可以在法律框架内帮助规划财富传承。</p>',
    tags: ['need:legacy', 'need:life', 'audience:business_owners', 'stage:4'],
  },
  {
    kind: 'article', title: '退休后每月能领多少钱？一张表算清楚', summary: '社保养老金之外，还需要第二份现金流。',
    bodyHtml: '<p>以月薪一万元为例，社保养老金替代率约为四成。想维持退休前的生活品质，需要商业养老年金补足缺口。</p>',
    tags: ['need:retirement', 'need:annuity', 'audience:white_collar', 'life_event:retirement', 'stage:3'],
  },
  {
    kind: 'video', title: '三分钟看懂百万医疗险', summary: '免赔额、续保、外购药，一次讲明白。', videoUrl: 'https://example.com/video/medical.mp4', durationSec: 180,
    tags: ['need:medical', 'audience:white_collar', 'stage:2'],
  },
  {
    kind: 'article', title: '新婚夫妻的家庭保障清单', summary: '从两个人到一个家，保障也要升级。',
    bodyHtml: '<p>婚后第一件事：为家庭经济支柱配置定期寿险与重疾险，保额覆盖房贷与五年生活费。</p>',
    tags: ['need:life', 'need:critical_illness', 'life_event:marriage', 'stage:3'],
  },
  {
    kind: 'article', title: '意外险：最便宜却最容易被忽视的保障', summary: '一年几百元，保障出行与工作意外。',
    bodyHtml: '<p>意外险价格低、杠杆高，适合每一位家庭成员，特别是经常出差的白领。</p>',
    tags: ['need:accident', 'audience:white_collar', 'stage:1'],
  },
  {
    kind: 'live', title: '直播：银发族的健康与财富规划', summary: '周四晚八点，专家在线答疑。',
    liveStartsAtMs: Date.UTC(2030, 0, 1, 12, 0, 0), liveEndsAtMs: Date.UTC(2030, 0, 1, 13, 30, 0), videoUrl: 'https://example.com/live/silver',
    tags: ['need:retirement', 'need:medical', 'audience:silver', 'stage:2'],
  },
];
