import type { PersonaTemplateView } from '@kejing/shared'

/**
 * Persona templates for the agent card (千星计划) are kept by operators on the server
 * (GET /api/card/persona-templates); this fills a template's intro for the agent.
 */
export function introFrom(template: PersonaTemplateView, name: string, company: string): string {
  return template.introTemplate.replace(/\{姓名\}/g, name).replace(/\{公司\}/g, company)
}
