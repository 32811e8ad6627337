// Row types of the products domain's tables: products, their new-customer price history, contracts (migration 0004).
export interface ProductTables {
  products: {
    id: string;
    code: string;
    name_de: string;
    name_en: string;
    kind: string;
    currency: string;
    /** The current price a new customer pays, in minor units per billing period. */
    new_customer_price_minor: number;
    billing_period: string;
    active: number;
    created_at: string;
    updated_at: string;
  };
  product_prices: {
    id: string;
    product_id: string;
    price_minor: number;
    currency: string;
    billing_period: string;
    valid_from: string;
    created_by: string | null;
  };
  contracts: {
    id: string;
    external_id: string | null;
    customer_id: string;
    product_id: string;
    price_minor: number;
    currency: string;
    billing_period: string;
    started_at: string;
    renews_at: string | null;
    cancelled_at: string | null;
    cancel_reason: string | null;
    /** When a cancelled contract stops running; null while not cancelled. */
    ends_at: string | null;
    created_at: string;
    updated_at: string;
  };
}
