// Row types of the customers domain's tables (migration 0002).
export interface CustomerTables {
  customers: {
    id: string;
    number: string;
    external_ref: string | null;
    name: string;
    email: string | null;
    phone: string | null;
    locale: string;
    customer_since: string;
    owner_id: string | null;
    tags: string;
    tier: string;
    tier_pinned: number;
    tier_pin_reason: string | null;
    revenue_12m_minor: number;
    status: string;
    created_at: string;
    updated_at: string;
    erased_at: string | null;
  };
  customer_consents: {
    id: string;
    customer_id: string;
    channel: string;
    purpose: string;
    basis: string;
    status: string;
    at: string;
    source: string;
    recorded_by: string | null;
  };
}
