// Row types of the complaint-case domain's tables (migration 0007).
export interface CaseTables {
  cases: {
    id: string;
    reference: string;
    customer_id: string;
    channel: string;
    touchpoint_code: string | null;
    subject: string | null;
    /** The complaint as the customer wrote or said it (customer-written text). */
    description: string;
    requested_remedy: string | null;
    lang: string;
    status: string;
    /** 1 while the case is in a queue (new, open, waiting_customer, reopened); denormalised for the inbox. */
    in_queue: number;
    severity: string;
    priority: string;
    priority_score: number;
    /** JSON: the inputs and points of the priority formula, for display. */
    priority_factors: string;
    anger_level: number;
    anger_band: string;
    /** JSON array of AngerSignal. */
    anger_signals: string;
    leaving: number;
    customer_tier: string;
    customer_since: string;
    owner_id: string | null;
    team_id: string | null;
    escalation_level: number;
    received_at: string;
    first_response_at: string | null;
    first_response_due_at: string | null;
    resolution_due_at: string | null;
    /** resolution_due_at, or a far-future instant while none (paused): the inbox's second sort key. */
    queue_due_at: string;
    /** When a still-unescalated SLA clock reaches the escalation share; the SLA job looks from here. */
    sla_warn_at: string | null;
    sla_fr_escalated: number;
    sla_res_escalated: number;
    /** JSON array of { type, at } (the SLA clock's event log). */
    sla_events: string;
    apology: string | null;
    root_cause_code: string | null;
    root_cause_analysis: string | null;
    preventive_action: string | null;
    resolved_at: string | null;
    closed_at: string | null;
    trivial: number;
    reopen_count: number;
    letter_sent_at: string | null;
    /** Public-form cases (migration 0029): 'unverified' until the address owner confirms, then 'verified'; else null. */
    verification: string | null;
    verified_at: string | null;
    created_by: string | null;
    created_at: string;
    updated_at: string;
  };
  case_points: {
    id: string;
    case_id: string;
    customer_id: string;
    position: number;
    text: string;
    /** active | split | merged (retired points stay for the trail). */
    status: string;
    split_from: string | null;
    merged_into: string | null;
    answer: string | null;
    outcome: string | null;
    root_cause_code: string | null;
    answered_at: string | null;
    answered_by: string | null;
    created_at: string;
    updated_at: string;
  };
  case_commitments: {
    id: string;
    case_id: string;
    customer_id: string;
    kind: string;
    description: string;
    owner_id: string;
    due_at: string;
    amount_minor: number | null;
    currency: string | null;
    status: string;
    fulfilled_at: string | null;
    fulfilled_by: string | null;
    note: string | null;
    reminder_sent_at: string | null;
    overdue_alert_sent_at: string | null;
    created_by: string | null;
    created_at: string;
  };
  case_goodwill: {
    id: string;
    case_id: string;
    customer_id: string;
    kind: string;
    amount_minor: number;
    currency: string;
    description: string;
    /** granted | pending_approval | declined */
    status: string;
    requested_by: string | null;
    requested_at: string;
    /** 1 when granted within the requester's own empowerment (counts against their month budget). */
    self_granted: number;
    decided_by: string | null;
    decided_at: string | null;
    decision_note: string | null;
    approval_task_id: string | null;
    /** Who must decide the pending gesture now (migration 0026). */
    approver_id?: string | null;
    /** JSON array of { userId, at, note }: approvals below the approver's own limit, passed up. */
    endorsements?: string | null;
  };
  case_escalations: {
    id: string;
    case_id: string;
    customer_id: string;
    level: number;
    /** JSON array of reasons: anger, leaving, high_value, sla_first_response, sla_resolution, reopened, manual. */
    reasons: string;
    from_user_id: string | null;
    to_user_id: string | null;
    task_id: string | null;
    at: string;
  };
  case_reference_counters: { year: number; last_value: number };
  /** Queued cases per owner (migration 0012), kept in step with cases.owner_id / cases.in_queue. */
  case_owner_loads: { owner_id: string; open_cases: number };
}
