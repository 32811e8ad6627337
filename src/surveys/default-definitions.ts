// The six survey definitions every company starts with (seeded once; texts from locales/{de,en}.json).
import type { CreateDefinition } from './surveys.schema.js';
import { en } from './texts/en.js';
import { texts } from './texts/index.js';

const de = texts('de');

const exitReasons = Object.keys(en.exitReasons) as Array<keyof typeof en.exitReasons>;

/** The default definitions: sale, after-sales and recovery CSAT, relationship NPS, CES, exit interview. */
export function defaultDefinitions(): CreateDefinition[] {
  const q = (code: keyof typeof en.defaults) => ({
    questionDe: de.defaults[code].question,
    questionEn: en.defaults[code].question,
    commentDe: de.defaults[code].comment,
    commentEn: en.defaults[code].comment,
  });
  return [
    {
      code: 'sale_csat',
      scale: 'csat',
      trigger: 'purchase',
      touchpointCode: 'sale',
      delayDays: 3,
      ...q('sale_csat'),
    },
    {
      code: 'after_sales_csat',
      scale: 'csat',
      trigger: 'after_sales_interaction',
      touchpointCode: null,
      delayDays: 1,
      ...q('after_sales_csat'),
    },
    {
      code: 'recovery_csat',
      scale: 'csat',
      trigger: 'case_closed',
      touchpointCode: 'complaint',
      delayDays: 2,
      precedence: true,
      ...q('recovery_csat'),
    },
    {
      code: 'relationship_nps',
      scale: 'nps',
      trigger: 'periodic',
      touchpointCode: 'relationship',
      ...q('relationship_nps'),
    },
    {
      code: 'service_ces',
      scale: 'ces',
      trigger: 'after_sales_interaction',
      touchpointCode: 'hotline',
      delayDays: 1,
      active: false,
      ...q('service_ces'),
    },
    {
      code: 'exit_interview',
      scale: 'none',
      trigger: 'customer_lost',
      touchpointCode: 'exit',
      precedence: true,
      reasons: exitReasons.map((code) => ({ code, de: de.exitReasons[code], en: en.exitReasons[code] })),
      ...q('exit_interview'),
    },
  ];
}
