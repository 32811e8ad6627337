// Row types of the tasks domain's table (migration 0006).
export interface TaskTables {
  tasks: {
    id: string;
    customer_id: string | null;
    /** Plain text: the cases table comes later, so there is no foreign key. */
    case_id: string | null;
    assignee_id: string | null;
    title: string;
    description: string | null;
    due_at: string | null;
    priority: string;
    status: string;
    source: string;
    source_ref: string | null;
    dedupe_key: string | null;
    created_by: string | null;
    created_at: string;
    updated_at: string;
    completed_at: string | null;
    completed_by: string | null;
    outcome: string | null;
    overdue_notified_at: string | null;
  };
}
