// Row types of the case conversation's tables (migration 0008): messages, attachments, search texts.
import type { Generated } from 'kysely';

export interface CaseMessageTables {
  case_messages: {
    id: string;
    case_id: string;
    customer_id: string | null;
    /** in = from the customer, out = to the customer, internal = a note only staff see. */
    direction: string;
    channel: string;
    author_type: string;
    author_user_id: string | null;
    author_name: string;
    /** Plain text as written; never interpreted as HTML. */
    body: string;
    /** The outbox mail that carried an `out` message by e-mail. */
    mail_id: string | null;
    /** When the message was written or received (may be earlier than recorded_at for a phone call). */
    at: string;
    recorded_at: string;
    erased_at: string | null;
  };
  case_message_attachments: {
    id: string;
    message_id: string;
    case_id: string;
    customer_id: string | null;
    filename: string;
    content_type: string;
    size_bytes: number;
    sha256: string;
    data: Buffer | null;
    created_by: string | null;
    created_at: string;
  };
  case_search_docs: {
    /** Generated (integer rowid on SQLite, bigserial on PostgreSQL). */
    id: Generated<number>;
    case_id: string;
    customer_id: string | null;
    source: string;
    source_id: string;
    body: string;
    updated_at: string;
  };
}
