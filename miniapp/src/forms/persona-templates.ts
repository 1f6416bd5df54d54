/** Persona templates for the agent card (千星计划): a style and an intro to start from. */
export interface PersonaTemplate {
  code: string
  name: string
  intro: (name: string, company: string) => string
}

export const PERSONA_TEMPLATES: PersonaTemplate[] = [
  {
    code: 'professional',
    name: '专业顾问',
    intro: (n, c) => `我是${c}的${n}，专注家庭保障规划。用专业帮您把保障配齐、把钱花对，有问题随时问我。`,
  },
  {
    code: 'family_guardian',
    name: '家庭守护',
    intro: (n) => `我是${n}，也是一位家长。懂您对家人的牵挂，愿陪您一起为孩子和父母做好保障。`,
  },
  {
    code: 'wealth_planner',
    name: '财富规划',
    intro: (n) => `我是${n}，帮助企业主和家庭做养老、教育金与财富传承规划，让未来更确定。`,
  },
  {
    code: 'warm_service',
    name: '贴心服务',
    intro: (n) => `我是${n}，理赔协助、保单整理、生日与周年提醒，一直都在，随叫随到。`,
  },
]

export function personaName(code: string | null): string {
  return PERSONA_TEMPLATES.find((p) => p.code === code)?.name ?? '未选择'
}
