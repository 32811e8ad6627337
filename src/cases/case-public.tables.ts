// Row types of the public complaint form's and status page's tables (migration 0029).
export interface CasePublicTables {
  /** A customer's link to the status page of one case: only the SHA-256 of the token is stored. */
  case_status_tokens: {
    token_hash: string;
    case_id: string;
    customer_id: string;
    /** Signs the page's form nonce (a reply or confirmation needs a page this link showed). */
    nonce_secret: string;
    created_at: string;
    expires_at: string;
  };
  /** Complaint-form tokens already used (each form can be sent once); pruned after they expire. */
  case_form_token_uses: { token_hash: string; used_at: string };
}
