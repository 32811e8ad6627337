import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from './business-calendar.js';
import {
  type CasePriority,
  computeSla,
  defaultSlaPolicies,
  isFirstResponse,
  policyFor,
  type SlaEvent,
  type SlaEventType,
  shouldEscalate,
} from './sla-clock.js';

const calendar = createBusinessCalendar({ holidays: { country: 'DE', state: 'BY' } });
const policy = { firstResponseMinutes: 60, resolutionMinutes: 8 * 60 };
// Week of 8 September 2025 has no holidays; Berlin is on CEST (+02:00). Day is a weekday number (8 = Monday).
const t = (day: number, hhmm: string) => new Date(`2025-09-${String(day).padStart(2, '0')}T${hhmm}:00+02:00`);
const ev = (type: SlaEventType, day: number, hhmm: string): SlaEvent => ({ type, at: t(day, hhmm) });

describe('first-response clock', () => {
  it('a case received Friday 16:30 Berlin with a 60-minute first-response SLA is due Monday 08:30', () => {
    const status = computeSla([ev('received', 12, '16:30')], policy, calendar, t(12, '16:45'));
    expect(status.firstResponse.dueAt).toEqual(t(15, '08:30'));
    expect(status.firstResponse.state).toBe('running');
  });

  it('a first response before the due time is met', () => {
    const events = [ev('received', 8, '09:00'), ev('first_response', 8, '09:40')];
    const status = computeSla(events, policy, calendar, t(8, '12:00'));
    expect(status.firstResponse.state).toBe('met');
    expect(status.firstResponse.completedAt).toEqual(t(8, '09:40'));
  });

  it('a first response after the due time is a breach at the due time', () => {
    const events = [ev('received', 8, '09:00'), ev('first_response', 8, '10:20')];
    const status = computeSla(events, policy, calendar, t(8, '12:00'));
    expect(status.firstResponse.state).toBe('breached');
    expect(status.firstResponse.breachedAt).toEqual(t(8, '10:00'));
  });

  it('an open clock is still running at exactly the due time with nothing remaining', () => {
    const status = computeSla([ev('received', 8, '09:00')], policy, calendar, t(8, '10:00'));
    expect(status.firstResponse.state).toBe('running');
    expect(status.firstResponse.remainingBusinessMinutes).toBe(0);
  });

  it('an open clock one minute past the due time is breached with negative remaining time', () => {
    const status = computeSla([ev('received', 8, '09:00')], policy, calendar, t(8, '10:01'));
    expect(status.firstResponse.state).toBe('breached');
    expect(status.firstResponse.remainingBusinessMinutes).toBe(-1);
  });

  it('answering after closing time when the budget ran out at closing time is a breach', () => {
    const events = [ev('received', 8, '16:00'), ev('first_response', 8, '17:30')];
    const status = computeSla(events, policy, calendar, t(8, '18:00'));
    expect(status.firstResponse.state).toBe('breached');
    expect(status.firstResponse.elapsedBusinessMinutes).toBe(60);
  });

  it('resolving a case without an earlier reply also counts as the first response', () => {
    const events = [ev('received', 8, '09:00'), ev('resolved', 8, '09:30')];
    const status = computeSla(events, policy, calendar, t(8, '12:00'));
    expect(status.firstResponse.state).toBe('met');
    expect(status.firstResponse.completedAt).toEqual(t(8, '09:30'));
  });

  it('only the first first_response event counts', () => {
    const events = [
      ev('received', 8, '09:00'),
      ev('first_response', 8, '09:30'),
      ev('first_response', 8, '11:00'),
    ];
    const status = computeSla(events, policy, calendar, t(8, '12:00'));
    expect(status.firstResponse.completedAt).toEqual(t(8, '09:30'));
    expect(status.ignoredEvents).toHaveLength(1);
  });
});

describe('what counts as a first response', () => {
  it('a public reply written by staff counts', () => {
    expect(isFirstResponse({ author: 'staff', visibility: 'public' })).toBe(true);
  });

  it('an internal note does not count', () => {
    expect(isFirstResponse({ author: 'staff', visibility: 'internal' })).toBe(false);
  });

  it('the automatic acknowledgement does not count', () => {
    expect(isFirstResponse({ author: 'system', visibility: 'public', automatic: true })).toBe(false);
    expect(isFirstResponse({ author: 'staff', visibility: 'public', automatic: true })).toBe(false);
  });

  it('a message from the customer does not count', () => {
    expect(isFirstResponse({ author: 'customer', visibility: 'public' })).toBe(false);
  });
});

describe('resolution clock', () => {
  it('waiting for the customer pauses the resolution clock but not the first-response clock', () => {
    const events = [ev('received', 8, '09:00'), ev('paused', 8, '09:10')];
    const status = computeSla(events, policy, calendar, t(8, '11:10'));
    expect(status.resolution.state).toBe('paused');
    expect(status.resolution.elapsedBusinessMinutes).toBe(10);
    expect(status.firstResponse.state).toBe('breached');
    expect(status.firstResponse.elapsedBusinessMinutes).toBe(130);
  });

  it('a paused clock has no due time because it depends on the customer', () => {
    const events = [ev('received', 8, '09:00'), ev('first_response', 8, '09:05'), ev('paused', 8, '09:10')];
    const status = computeSla(events, policy, calendar, t(9, '09:00'));
    expect(status.resolution.dueAt).toBeNull();
    expect(status.resolution.remainingBusinessMinutes).toBe(470);
  });

  it('resuming moves the resolution due time by the paused business time', () => {
    const events = [
      ev('received', 8, '09:00'),
      ev('first_response', 8, '09:05'),
      ev('paused', 8, '10:00'),
      ev('resumed', 8, '14:00'),
    ];
    const status = computeSla(events, policy, calendar, t(8, '15:00'));
    // 60 minutes used before the pause; 420 left from Monday 14:00: 180 on Monday, 240 on Tuesday.
    expect(status.resolution.dueAt).toEqual(t(9, '12:00'));
    expect(status.resolution.state).toBe('running');
  });

  it('a breach before a pause stays a breach', () => {
    const events = [ev('received', 8, '09:00'), ev('paused', 9, '09:00')];
    const status = computeSla(events, policy, calendar, t(9, '12:00'));
    expect(status.resolution.state).toBe('breached');
    expect(status.resolution.paused).toBe(true);
    expect(status.resolution.breachedAt).toEqual(t(8, '17:00'));
  });

  it('resolving within the budget is met', () => {
    const events = [ev('received', 8, '09:00'), ev('first_response', 8, '09:05'), ev('resolved', 8, '15:00')];
    const status = computeSla(events, policy, calendar, t(10, '09:00'));
    expect(status.resolution.state).toBe('met');
    expect(status.resolution.elapsedBusinessMinutes).toBe(360);
  });

  it('reopen continues with the remaining resolution budget', () => {
    const events = [
      ev('received', 8, '09:00'),
      ev('first_response', 8, '09:05'),
      ev('resolved', 8, '12:00'),
      ev('reopened', 10, '10:00'),
    ];
    const status = computeSla(events, policy, calendar, t(10, '11:00'));
    // 180 minutes used before resolving; the two days between resolve and reopen do not count.
    expect(status.resolution.elapsedBusinessMinutes).toBe(240);
    expect(status.resolution.dueAt).toEqual(t(10, '15:00'));
    expect(status.resolution.state).toBe('running');
    expect(status.resolution.completedAt).toBeUndefined();
  });

  it('a resolution breach stays a breach after a reopen and a later in-time resolution', () => {
    const events = [
      ev('received', 8, '09:00'),
      ev('resolved', 9, '10:00'),
      ev('reopened', 9, '11:00'),
      ev('resolved', 9, '11:30'),
    ];
    const status = computeSla(events, policy, calendar, t(9, '12:00'));
    expect(status.resolution.state).toBe('breached');
    expect(status.resolution.breachedAt).toEqual(t(8, '17:00'));
  });

  it('shareElapsed drives "escalate when 75% elapsed"', () => {
    const events = [ev('received', 8, '09:00'), ev('first_response', 8, '09:05')];
    const early = computeSla(events, policy, calendar, t(8, '14:00'));
    const late = computeSla(events, policy, calendar, t(8, '15:00'));
    expect(early.resolution.shareElapsed).toBe(300 / 480);
    expect(shouldEscalate(early.resolution, 0.75)).toBe(false);
    expect(shouldEscalate(late.resolution, 0.75)).toBe(true);
  });

  it('a met clock never asks for escalation', () => {
    const events = [ev('received', 8, '09:00'), ev('first_response', 8, '09:55')];
    const status = computeSla(events, policy, calendar, t(8, '12:00'));
    expect(shouldEscalate(status.firstResponse, 0.5)).toBe(false);
  });
});

describe('event handling', () => {
  it('events after now are ignored, so the clock can be replayed as of an earlier time', () => {
    const events = [ev('received', 8, '09:00'), ev('resolved', 8, '15:00')];
    const status = computeSla(events, policy, calendar, t(8, '12:00'));
    expect(status.resolution.state).toBe('running');
  });

  it('events given out of order are replayed in time order', () => {
    const events = [ev('resumed', 8, '14:00'), ev('paused', 8, '10:00'), ev('received', 8, '09:00')];
    const status = computeSla(events, policy, calendar, t(8, '15:00'));
    expect(status.resolution.elapsedBusinessMinutes).toBe(120);
    expect(status.ignoredEvents).toEqual([]);
  });

  it('an event that makes no sense in the current state is reported and has no effect', () => {
    const events = [ev('received', 8, '09:00'), ev('resumed', 8, '10:00')];
    const status = computeSla(events, policy, calendar, t(8, '11:00'));
    expect(status.ignoredEvents.map((i) => i.event.type)).toEqual(['resumed']);
    expect(status.resolution.elapsedBusinessMinutes).toBe(120);
  });

  it('a case without a received event is rejected', () => {
    expect(() => computeSla([ev('first_response', 8, '09:00')], policy, calendar, t(8, '10:00'))).toThrow(
      /received/,
    );
  });
});

describe('priority policies', () => {
  it('default policies get stricter with higher priority', () => {
    const order = ['low', 'normal', 'high', 'urgent'] as const;
    for (let i = 1; i < order.length; i++) {
      const looser = defaultSlaPolicies[order[i - 1]];
      const stricter = defaultSlaPolicies[order[i]];
      expect(stricter.firstResponseMinutes).toBeLessThan(looser.firstResponseMinutes);
      expect(stricter.resolutionMinutes).toBeLessThan(looser.resolutionMinutes);
    }
  });

  it('policyFor reads a custom table', () => {
    const table = { vip: { firstResponseMinutes: 15, resolutionMinutes: 120 } };
    expect(policyFor('vip', table)).toEqual({ firstResponseMinutes: 15, resolutionMinutes: 120 });
  });

  it('policyFor rejects an unknown priority', () => {
    expect(() => policyFor('whenever' as CasePriority)).toThrow(/whenever/);
  });

  it('a policy with a zero budget is rejected', () => {
    const zero = { firstResponseMinutes: 0, resolutionMinutes: 60 };
    expect(() => computeSla([ev('received', 8, '09:00')], zero, calendar, t(8, '10:00'))).toThrow(RangeError);
  });
});
