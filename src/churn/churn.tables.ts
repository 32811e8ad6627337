// Row types of the churn domain's tables (migrations 0010, 0013).
export interface ChurnTables {
  churn_runs: {
    id: string;
    at: string;
    /** 'running' | 'done' | 'failed'; readers see only 'done'. */
    status: string;
    model: string | null;
    params: string;
    standard_errors: string;
    log_likelihood: number | null;
    converged: number;
    /** 'holdout' (best holdout error) or 'likelihood' (no holdout possible). */
    selection: string | null;
    holdout_errors: string;
    spend_params: string | null;
    unit: string;
    unit_days: number;
    calibration_end: string;
    holdout_weeks: number;
    horizon: number;
    annual_discount_rate: number;
    currency: string;
    thresholds: string;
    n_customers: number;
    n_groups: number;
    evaluations: number;
    n_at_risk: number;
    n_alerts: number;
    previous_run_id: string | null;
    diagnostics: string;
    phases: string;
    message: string | null;
    triggered_by: string | null;
  };
  churn_scores: {
    run_id: string;
    customer_id: string;
    p_alive: number;
    prev_p_alive: number | null;
    expected_purchases: number;
    clv_minor: number | null;
    /** Value if the customer stays × (1 − P(alive)) (migration 0021; before: the value if stays). */
    value_at_risk_minor: number;
    /** CLV + value at risk (migration 0021). */
    value_if_stays_minor: number;
    /** The at-risk ranking: value if stays × probability gone raised by explicit signals (migration 0021). */
    rank_minor: number;
    /** 'clv' (lifetime value if the customer stays) or 'revenue' (average annual revenue so far). */
    value_basis: string;
    x: number;
    t_x: number;
    T: number;
    days_since_last: number;
    usual_gap_days: number | null;
    /** 'own' (the customer's median gap) or 'population' (fallback). */
    gap_basis: string | null;
    overdue_ratio: number | null;
    at_risk: number;
    /** JSON `ExplicitSignals` seen at scoring time (migration 0013); null when none. */
    signals: string | null;
  };
  churn_alerts: {
    id: string;
    run_id: string;
    customer_id: string;
    at: string;
    value_at_risk_minor: number;
    reasons: string;
    task_id: string | null;
  };
}

/** A score as a run computes and stores it (the run id comes with the run). */
export type StoredScore = Omit<ChurnTables['churn_scores'], 'run_id'>;
