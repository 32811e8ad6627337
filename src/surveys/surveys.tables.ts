// Row types of the surveys domain's tables (migration 0009).
export interface SurveyTables {
  survey_definitions: {
    id: string;
    code: string;
    /** csat (1–5), nps (0–10), ces (1–7) or none (exit interview: reasons and text only). */
    scale: string;
    /** purchase | after_sales_interaction | case_closed | periodic | customer_lost | manual */
    trigger: string;
    touchpoint_code: string | null;
    question_de: string;
    question_en: string;
    comment_de: string | null;
    comment_en: string | null;
    /** JSON array of { code, de, en }. */
    reasons: string;
    delay_days: number;
    /** 1: always allowed when consent exists (recovery survey, exit interview). */
    precedence: number;
    active: number;
    created_at: string;
    updated_at: string;
  };
  survey_invitations: {
    id: string;
    definition_id: string;
    customer_id: string;
    /** One invitation per definition and trigger (purchase id, case id, period ...). */
    dedupe_key: string;
    trigger_ref: string | null;
    touchpoint_code: string | null;
    agent_id: string | null;
    team_id: string | null;
    case_id: string | null;
    locale: string;
    /** sent | skipped | answered */
    status: string;
    skip_reason: string | null;
    consent_basis: string | null;
    /** Random key for the per-page form nonce (never shown). */
    nonce_secret: string | null;
    created_at: string;
    sent_at: string | null;
    expires_at: string | null;
    reminder_sent_at: string | null;
    answered_at: string | null;
  };
  survey_tokens: { token_hash: string; invitation_id: string; created_at: string };
  survey_answers: {
    id: string;
    invitation_id: string;
    definition_id: string;
    customer_id: string;
    scale: string;
    score: number | null;
    reason_code: string | null;
    /** Customer-written text: stored and rendered as text only. */
    comment: string | null;
    praise: number;
    touchpoint_code: string | null;
    agent_id: string | null;
    team_id: string | null;
    case_id: string | null;
    locale: string;
    answered_at: string;
    comment_erased_at: string | null;
  };
}
