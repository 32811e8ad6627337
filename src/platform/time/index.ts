// platform/time: the company's zone, local days/weeks/months, wording of times, local schedules.
export * from './company-time-zone.js';
export * from './format.js';
export * from './local-time.js';
export * from './schedules.js';
