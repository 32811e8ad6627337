// What every dashboard card needs to know about the reader's choice: the period, the grouping
// (month = trend; team, touchpoint, agent = bars per group) and how rows are keyed and ordered.
import type { TFunction } from 'i18next';
import type { GroupBy } from './grouping';

export type Period = { from: string; to: string };

export type DashboardView = {
  period: Period;
  groupBy: GroupBy;
  grouped: boolean;
  /** The metrics APIs' groupBy: the trend is grouped by 'period'. */
  apiGroup: string;
  /** "NPS by team" etc. */
  groupLabel: string;
  /** The chart's category axis: the month or the group's name. */
  x: string;
  /** The leading columns of a row: the month, or the group's key (team id, touchpoint code, user id;
   * empty = none assigned) and its name. */
  lead: (key: string | null) => Record<string, string>;
  /** Rows sorted along the category axis. */
  order: <R extends Record<string, unknown>>(rows: R[]) => R[];
};

export function dashboardView(
  period: Period,
  groupBy: GroupBy,
  nameOf: (key: string | null) => string,
  t: TFunction,
): DashboardView {
  const grouped = groupBy !== 'month';
  const x = grouped ? `${groupBy}Name` : 'month';
  return {
    period,
    groupBy,
    grouped,
    apiGroup: grouped ? groupBy : 'period',
    groupLabel: t(`dashboard.group.${groupBy}`),
    x,
    lead: (key) =>
      grouped
        ? { [groupBy]: key ?? '', [`${groupBy}Name`]: nameOf(key) }
        : { month: (key ?? '').slice(0, 7) },
    order: (rows) => rows.sort((a, b) => String(a[x]).localeCompare(String(b[x]))),
  };
}

export const hours = (minutes: number | null) =>
  minutes === null ? null : Math.round((minutes / 60) * 10) / 10;
