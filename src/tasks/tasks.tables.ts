// Row types of the tasks domain's table (migrations 0006, 0016, 0017).
export interface TaskTables {
  tasks: {
    id: string;
    customer_id: string | null;
    /** Plain text: the cases table comes later, so there is no foreign key. */
    case_id: string | null;
    assignee_id: string | null;
    /** A staff-written title, or the worded title of a row from before migration 0017; '' with title_key. */
    title: string;
    /** The system's title as a text key ('retention:tasks.winBackTitle') worded when read. */
    title_key: string | null;
    /** JSON parameters of title_key (a customer by id, never by name). */
    title_params: string | null;
    description: string | null;
    description_key: string | null;
    description_params: string | null;
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
    /** 'tasks': the generic overdue mail; 'creator': the creating domain sends its own notice. */
    overdue_notice: string;
  };
}
