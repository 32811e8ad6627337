// Row types of the root-cause register (migrations 0008, 0014): categories, improvement actions and
// observations from outside the cases (lost customers' exit reasons).
export interface RootCauseTables {
  root_cause_categories: {
    code: string;
    name_de: string;
    name_en: string;
    active: number;
    sort_order: number;
    created_at: string;
    updated_at: string;
  };
  root_cause_actions: {
    id: string;
    category_code: string;
    owner_id: string;
    description: string;
    due_at: string | null;
    status: string;
    created_by: string | null;
    created_at: string;
    updated_at: string;
    completed_at: string | null;
  };
  root_cause_observations: {
    id: string;
    category_code: string;
    source: string;
    source_ref: string;
    customer_id: string | null;
    observed_at: string;
    created_at: string;
  };
}
