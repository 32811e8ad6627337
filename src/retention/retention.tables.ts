// Row types of the retention domain's tables (migrations 0011, 0025).
export interface RetentionTables {
  retention_lost_customers: {
    id: string;
    customer_id: string;
    source: string;
    reason_code: string | null;
    reason_text: string | null;
    contract_id: string | null;
    confirmed_at: string;
    confirmed_by: string | null;
    value_minor: number;
    value_basis: string;
    currency: string;
    offer_kind: string;
    offer_minor: number | null;
    win_back_task_id: string | null;
    status: string;
    won_back_at: string | null;
    created_at: string;
    updated_at: string;
  };
  retention_lost_proposals: {
    id: string;
    customer_id: string;
    source: string;
    contract_id: string | null;
    reason_text: string | null;
    proposed_at: string;
    status: string;
    decided_at: string | null;
  };
  retention_loyalty_decisions: {
    id: string;
    contract_id: string;
    customer_id: string;
    action: string;
    reason: string | null;
    price_minor: number;
    new_customer_price_minor: number;
    currency: string;
    decided_by: string | null;
    decided_at: string;
  };
  retention_surprises: {
    id: string;
    customer_id: string;
    user_id: string | null;
    team_id: string | null;
    what: string;
    cost_minor: number | null;
    currency: string | null;
    at: string;
  };
  retention_tier_snapshot: {
    customer_id: string;
    tier: string;
    seen_at: string;
  };
  retention_digests: {
    id: string;
    week: string;
    user_id: string;
    mail_id: string;
    sent_at: string;
  };
  /** Overpayments the daily scan announced (loyalty_penalty.found), one per contract and price pair. */
  retention_loyalty_findings: {
    id: string;
    contract_id: string;
    customer_id: string;
    price_minor: number;
    new_customer_price_minor: number;
    overpayment_per_year_minor: number;
    currency: string;
    found_at: string;
  };
}
