// Row types of the platform's own tables (see migrations/0001_platform.ts).
export interface PlatformTables {
  teams: { id: string; name: string; parent_id: string | null; created_at: string };
  users: {
    id: string;
    email: string;
    name: string;
    role: string;
    locale: string;
    team_id: string | null;
    manager_id: string | null;
    /** The most this user may approve on their own (minor units, company currency); null = the role's default (migration 0026). */
    approval_limit_minor?: number | null;
    password_hash: string | null;
    active: number;
    created_at: string;
    updated_at: string;
  };
  login_failures: {
    email: string;
    failures: number;
    last_failed_at: string;
    locked_until: string | null;
  };
  /** A staff user's identity at an OpenID provider (single sign-on). */
  user_identities: {
    id: string;
    user_id: string;
    issuer: string;
    subject: string;
    created_at: string;
    last_login_at: string | null;
  };
  /** A single sign-on started and not yet completed (deleted when used or expired). */
  sso_logins: {
    id: string;
    browser_hash: string;
    issuer: string;
    state: string;
    nonce: string;
    code_verifier: string;
    return_to: string;
    created_at: string;
    expires_at: string;
  };
  sessions: {
    id: string;
    token_hash: string;
    csrf_token: string;
    user_id: string;
    created_at: string;
    expires_at: string;
  };
  api_tokens: {
    id: string;
    token_hash: string;
    name: string;
    user_id: string;
    created_at: string;
    last_used_at: string | null;
    revoked_at: string | null;
    /** null for tokens created before tokens expired (migration 0018). */
    expires_at: string | null;
  };
  audit_log: {
    id: string;
    at: string;
    actor_id: string | null;
    actor_name: string;
    entity_type: string;
    entity_id: string;
    customer_id: string | null;
    action: string;
    changes: string;
  };
  jobs: {
    id: string;
    type: string;
    key: string;
    payload: string;
    status: string;
    run_at: string;
    attempts: number;
    max_attempts: number;
    last_error: string | null;
    locked_by: string | null;
    locked_until: string | null;
    created_at: string;
    finished_at: string | null;
    /** Set per claim; complete, fail and renew only match the current holder's token (0019). */
    lock_token: string | null;
    /** Jobs sharing a singleton key never run at the same time (0019). */
    singleton_key: string | null;
  };
  /** Imports started asynchronously (`Prefer: respond-async`, migration 0023). */
  import_runs: {
    id: string;
    entity: string;
    format: string;
    skip_invalid: number;
    /** 'queued' | 'running' | 'done' | 'failed' */
    status: string;
    /** 'validate' | 'import' while running. */
    phase: string | null;
    rows_processed: number;
    bytes_read: number;
    total_bytes: number;
    /** The JSON import report when done. */
    report: string | null;
    /** JSON `{ code, status, detail, errors }` when failed. */
    error: string | null;
    created_by: string | null;
    created_at: string;
    started_at: string | null;
    finished_at: string | null;
  };
  /** The uploaded file of a queued or running import, in chunks; deleted when the import ends. */
  import_uploads: { import_id: string; seq: number; data: Buffer };
  outbox_mails: {
    id: string;
    message_id: string;
    customer_id: string | null;
    to_address: string;
    subject: string;
    text_body: string;
    html_body: string | null;
    attachments: string | null;
    purpose: string;
    status: string;
    created_at: string;
    sent_at: string | null;
  };
  idempotency_keys: {
    key: string;
    request_hash: string;
    status_code: number;
    response: string;
    created_at: string;
  };
  settings: { key: string; value: string; updated_at: string };
}
