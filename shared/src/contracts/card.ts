/** The wire format of agent card: request and response bodies (times ISO-8601, money in fen, percentages 0..100). */
export interface AgentCardView {
  agentId: string;
  name: string;
  photoUrl: string | null;
  licenceNo: string | null;
  companyName: string;
  intro: string | null;
  personaTemplate: string | null;
}
/** PUT /api/card */
export interface UpdateCardRequest {
  name?: string;
  photoUrl?: string;
  intro?: string;
  personaTemplate?: string;
}
