// Row types of the webhooks domain's tables (migration 0024).
export interface WebhookTables {
  webhook_endpoints: {
    id: string;
    url: string;
    description: string;
    /** JSON array of the subscribed event names. */
    events: string;
    enabled: number;
    /** The signing secret (whsec_<base64>); shown once, never answered again. */
    secret: string;
    /** The secret before the last rotation, still signing until previous_secret_expires_at. */
    previous_secret: string | null;
    previous_secret_expires_at: string | null;
    /** Failed attempts in a row (any delivery); a success resets it. */
    consecutive_failures: number;
    /** 'failures' (disabled by the system) or 'admin'; null while enabled. */
    disabled_reason: string | null;
    disabled_at: string | null;
    created_by: string | null;
    created_at: string;
    updated_at: string;
  };
  webhook_deliveries: {
    /** The webhook-id header (msg_…): the same on every retry, so receivers can deduplicate. */
    id: string;
    endpoint_id: string;
    event_id: string;
    event_type: string;
    /** The customer the event is about (privacy: export and erasure). */
    customer_id: string | null;
    /** The exact JSON body sent on every attempt ('' once the customer was erased). */
    body: string;
    /** pending | delivered | failed | skipped */
    status: string;
    attempts: number;
    last_status_code: number | null;
    last_error: string | null;
    next_attempt_at: string | null;
    emitted_at: string;
    created_at: string;
    delivered_at: string | null;
  };
  webhook_attempts: {
    id: string;
    delivery_id: string;
    endpoint_id: string;
    attempt: number;
    at: string;
    status_code: number | null;
    duration_ms: number;
    error: string | null;
    next_retry_at: string | null;
  };
}
