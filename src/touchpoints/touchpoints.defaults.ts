// The default touchpoint catalogue every company starts with (admins may rename, reorder, deactivate).
import type { Phase } from './touchpoints.schema.js';

export type DefaultTouchpoint = { code: string; de: string; en: string; phase: Phase; sortOrder: number };

export const defaultTouchpoints: DefaultTouchpoint[] = [
  { code: 'sale', de: 'Verkauf', en: 'Sale', phase: 'sale', sortOrder: 10 },
  { code: 'delivery', de: 'Auslieferung', en: 'Delivery', phase: 'sale', sortOrder: 20 },
  { code: 'installation', de: 'Montage', en: 'Installation', phase: 'sale', sortOrder: 30 },
  { code: 'service_visit', de: 'Werkstattbesuch', en: 'Service visit', phase: 'after_sales', sortOrder: 40 },
  { code: 'hotline', de: 'Hotline', en: 'Hotline', phase: 'after_sales', sortOrder: 50 },
  { code: 'parts_counter', de: 'Teiletheke', en: 'Parts counter', phase: 'after_sales', sortOrder: 60 },
  { code: 'complaint', de: 'Reklamation', en: 'Complaint', phase: 'after_sales', sortOrder: 70 },
  { code: 'billing', de: 'Rechnung', en: 'Billing', phase: 'billing', sortOrder: 80 },
  { code: 'website', de: 'Website', en: 'Website', phase: 'other', sortOrder: 90 },
];
