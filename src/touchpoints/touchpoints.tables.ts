// Row types of the touchpoints domain's tables (migration 0005).
export interface TouchpointTables {
  touchpoints: {
    id: string;
    code: string;
    name_de: string;
    name_en: string;
    phase: string;
    active: number;
    sort_order: number;
    created_at: string;
    updated_at: string;
  };
  interactions: {
    id: string;
    customer_id: string;
    touchpoint_id: string;
    at: string;
    staff_user_id: string | null;
    channel: string;
    note: string | null;
    external_id: string | null;
    created_by: string | null;
    created_at: string;
  };
}
