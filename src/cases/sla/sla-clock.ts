import { addBusinessMs, type BusinessCalendar, businessMsBetween } from './business-calendar.js';

export type SlaEventType = 'received' | 'first_response' | 'paused' | 'resumed' | 'resolved' | 'reopened';

/** One fact about a case. `paused` = waiting for the customer; `resumed` = the customer replied. */
export interface SlaEvent {
  type: SlaEventType;
  at: Date;
}

/** SLA budgets in business minutes of the case's {@link BusinessCalendar}. */
export interface SlaPolicy {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

export type CasePriority = 'urgent' | 'high' | 'normal' | 'low';

// One business day of the default calendar (08:00–17:00) has 9 business hours.
const DAY = 9 * 60;

/** Default priority → policy table. Minutes are business minutes, so "days" assume the default 9-hour day. */
export const defaultSlaPolicies: Readonly<Record<CasePriority, Readonly<SlaPolicy>>> = Object.freeze({
  urgent: { firstResponseMinutes: 60, resolutionMinutes: 8 * 60 },
  high: { firstResponseMinutes: 4 * 60, resolutionMinutes: 2 * DAY },
  normal: { firstResponseMinutes: 1 * DAY, resolutionMinutes: 5 * DAY },
  low: { firstResponseMinutes: 2 * DAY, resolutionMinutes: 10 * DAY },
});

/** The policy for a priority from a (possibly customised) table; throws if the table has no entry. */
export function policyFor<P extends string>(
  priority: P,
  table: Readonly<Record<P, SlaPolicy>> = defaultSlaPolicies as unknown as Record<P, SlaPolicy>,
): SlaPolicy {
  const policy = table[priority];
  if (!policy) throw new RangeError(`No SLA policy for priority '${priority}'`);
  return policy;
}

/** A message on a case, as far as the first-response rule cares. */
export interface CaseMessage {
  author: 'staff' | 'customer' | 'system';
  visibility: 'public' | 'internal';
  /** Set for automatic acknowledgements and other templated mails sent without a human. */
  automatic?: boolean;
}

/** True when the message counts as the first response: a public, non-automatic reply written by staff. */
export function isFirstResponse(message: CaseMessage): boolean {
  return message.author === 'staff' && message.visibility === 'public' && message.automatic !== true;
}

export type SlaClockState = 'running' | 'paused' | 'met' | 'breached';

export interface SlaClockStatus {
  /** `breached` wins over everything: a breach never goes away (not by pausing, meeting late or reopening). */
  state: SlaClockState;
  /** When the budget runs (or ran) out; `null` while paused and not breached, as it depends on the customer. */
  dueAt: Date | null;
  /** Equals the `dueAt` that was missed; set only when `state === 'breached'`. */
  breachedAt?: Date;
  /** When the clock was stopped by a first response or by the (latest) resolution. */
  completedAt?: Date;
  /** The resolution clock is currently stopped because the case waits for the customer. */
  paused: boolean;
  budgetMinutes: number;
  elapsedBusinessMinutes: number;
  /** Budget minus elapsed; negative once breached. */
  remainingBusinessMinutes: number;
  /** `elapsed / budget`: 0 at start, 1 at the due time, above 1 after a breach. */
  shareElapsed: number;
}

export interface SlaStatus {
  firstResponse: SlaClockStatus;
  resolution: SlaClockStatus;
  /** Events that made no difference in the state they arrived in (e.g. `resumed` while not paused). */
  ignoredEvents: Array<{ event: SlaEvent; reason: string }>;
}

/** A stretch of real time during which a clock runs; `end` undefined = still running at `now`. */
interface Segment {
  start: number;
  end?: number;
}

interface Replay {
  firstResponse: { segment: Segment; completedAt?: number };
  resolution: { segments: Segment[]; completedAt?: number; paused: boolean };
  ignoredEvents: SlaStatus['ignoredEvents'];
}

const MS_PER_MINUTE = 60_000;

/**
 * Evaluates both SLA clocks of one case as of `now`. Pure: events after `now` are ignored, events are
 * ordered by time (ties keep input order). Throws if there is no `received` event at or before `now`.
 */
export function computeSla(
  events: readonly SlaEvent[],
  policy: SlaPolicy,
  calendar: BusinessCalendar,
  now: Date,
): SlaStatus {
  assertPolicy(policy);
  const nowMs = now.getTime();
  const replay = replayEvents(events, nowMs);
  const { firstResponse, resolution } = replay;
  return {
    firstResponse: evaluateClock(calendar, {
      segments: [firstResponse.segment],
      budgetMinutes: policy.firstResponseMinutes,
      completedAt: firstResponse.completedAt,
      paused: false,
      nowMs,
    }),
    resolution: evaluateClock(calendar, {
      segments: resolution.segments,
      budgetMinutes: policy.resolutionMinutes,
      completedAt: resolution.completedAt,
      paused: resolution.paused,
      nowMs,
    }),
    ignoredEvents: replay.ignoredEvents,
  };
}

/** True when a still-open clock has used at least `share` (e.g. 0.75) of its budget, or is already breached. */
export function shouldEscalate(clock: SlaClockStatus, share: number): boolean {
  if (clock.state === 'met') return false;
  return clock.state === 'breached' || clock.shareElapsed >= share;
}

function assertPolicy(policy: SlaPolicy): void {
  for (const [name, value] of Object.entries(policy)) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be > 0, got ${value}`);
  }
}

/** Replays the events into running segments of both clocks, following the documented state machine. */
function replayEvents(events: readonly SlaEvent[], nowMs: number): Replay {
  const ordered = events
    .map((event, index) => ({ event, index }))
    .filter(({ event }) => event.at.getTime() <= nowMs)
    .sort((a, b) => a.event.at.getTime() - b.event.at.getTime() || a.index - b.index)
    .map(({ event }) => event);
  const received = ordered.find((e) => e.type === 'received');
  if (!received) throw new RangeError('computeSla needs a received event at or before now');
  const start = received.at.getTime();

  const ignoredEvents: SlaStatus['ignoredEvents'] = [];
  const firstResponse: Replay['firstResponse'] = { segment: { start } };
  const segments: Segment[] = [{ start }];
  let phase: 'running' | 'paused' | 'resolved' = 'running';
  let resolvedAt: number | undefined;
  const ignore = (event: SlaEvent, reason: string) => ignoredEvents.push({ event, reason });
  const stopFirstResponse = (at: number) => {
    if (firstResponse.completedAt !== undefined) return false;
    firstResponse.completedAt = at;
    firstResponse.segment.end = at;
    return true;
  };

  for (const event of ordered) {
    const at = event.at.getTime();
    if (event === received) continue;
    if (at < start) {
      ignore(event, 'before the case was received');
      continue;
    }
    switch (event.type) {
      case 'received':
        ignore(event, 'case already received');
        break;
      case 'first_response':
        if (!stopFirstResponse(at)) ignore(event, 'first response already given');
        break;
      case 'paused':
        if (phase !== 'running') ignore(event, `cannot pause while ${phase}`);
        else {
          segments[segments.length - 1].end = at;
          phase = 'paused';
        }
        break;
      case 'resumed':
        if (phase !== 'paused') ignore(event, `cannot resume while ${phase}`);
        else {
          segments.push({ start: at });
          phase = 'running';
        }
        break;
      case 'resolved':
        if (phase === 'resolved') ignore(event, 'already resolved');
        else {
          // Telling the customer the outcome is a reply, so it also satisfies a still-open first response.
          stopFirstResponse(at);
          if (phase === 'running') segments[segments.length - 1].end = at;
          phase = 'resolved';
          resolvedAt = at;
        }
        break;
      case 'reopened':
        if (phase !== 'resolved') ignore(event, `cannot reopen while ${phase}`);
        else {
          segments.push({ start: at });
          phase = 'running';
          resolvedAt = undefined;
        }
        break;
    }
  }
  return {
    firstResponse,
    resolution: { segments, completedAt: resolvedAt, paused: phase === 'paused' },
    ignoredEvents,
  };
}

interface ClockInput {
  segments: Segment[];
  budgetMinutes: number;
  completedAt?: number;
  paused: boolean;
  nowMs: number;
}

/** Walks the running segments, spending the budget; the first segment that overspends fixes the breach time. */
function evaluateClock(calendar: BusinessCalendar, input: ClockInput): SlaClockStatus {
  const budgetMs = Math.round(input.budgetMinutes * MS_PER_MINUTE);
  let remainingMs = budgetMs;
  let elapsedMs = 0;
  let breachedAt: number | undefined;
  let lastDue: number | undefined;
  for (const segment of input.segments) {
    const end = segment.end ?? input.nowMs;
    if (breachedAt === undefined) {
      const due = addBusinessMs(calendar, segment.start, Math.max(0, remainingMs));
      // Wall-clock rule: finishing (or pausing, or looking at the clock) after the due instant is a breach,
      // even if the extra time fell outside business hours.
      if (due < end) breachedAt = due;
      lastDue = due;
    }
    const used = businessMsBetween(calendar, segment.start, end);
    elapsedMs += used;
    remainingMs -= used;
  }
  const state: SlaClockState =
    breachedAt !== undefined
      ? 'breached'
      : input.completedAt !== undefined
        ? 'met'
        : input.paused
          ? 'paused'
          : 'running';
  const dueAt = breachedAt ?? (state === 'paused' ? undefined : lastDue);
  return {
    state,
    dueAt: dueAt === undefined ? null : new Date(dueAt),
    ...(breachedAt !== undefined && { breachedAt: new Date(breachedAt) }),
    ...(input.completedAt !== undefined && { completedAt: new Date(input.completedAt) }),
    paused: input.paused,
    budgetMinutes: input.budgetMinutes,
    elapsedBusinessMinutes: elapsedMs / MS_PER_MINUTE,
    remainingBusinessMinutes: (budgetMs - elapsedMs) / MS_PER_MINUTE,
    shareElapsed: elapsedMs / budgetMs,
  };
}
