// Row types of the purchases domain's table (migration 0003).
export interface PurchaseTables {
  purchases: {
    id: string;
    /** The source system's id of the purchase; unique, the idempotency key of imports. */
    external_id: string;
    customer_id: string;
    purchased_at: string;
    amount_minor: number;
    currency: string;
    kind: string;
    product_code: string | null;
    quantity: number;
    description: string | null;
    /** 'api' or 'import'. */
    source: string;
    created_at: string;
  };
}
