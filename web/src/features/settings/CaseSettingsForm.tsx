// The case settings as a form: SLAs per priority, the business calendar, escalation, goodwill limits
// per role and the currency. Save sends the whole object; the server validates it and names the
// fields at fault, which are shown next to them (and nothing is stored).
import {
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Input,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MoneyInput } from '../../components/MoneyInput';
import { QueryState, Section } from '../../components/bits';
import { ApiError, type FieldError } from '../../lib/api';
import type { CaseSettings } from '../../lib/types';
import { useTierRules } from '../customers/customers.api';
import { JsonSettings } from './GenericSettings';
import { useSettingsDraft } from './useSettingsDraft';

const PATH = '/settings/cases';

const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
const CLOCKS = ['firstResponseMinutes', 'resolutionMinutes'] as const;
const ROLES = ['agent', 'manager', 'admin'] as const;
const PERIODS = ['perCaseMinor', 'perMonthMinor'] as const;
const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'];
/**
 * For inputs described by a surrounding wrapper's error: Mantine's `withAria` (passed through to its
 * Input, not in the public prop types) would otherwise set aria-describedby from the input's own,
 * empty wrapper and drop ours.
 */
const OWN_ARIA = { withAria: false } as Record<string, unknown>;
/** The German states as date-holidays names them. */
const DE_STATES = [
  'BW',
  'BY',
  'BE',
  'BB',
  'HB',
  'HH',
  'HE',
  'MV',
  'NI',
  'NW',
  'RP',
  'SL',
  'SN',
  'ST',
  'SH',
  'TH',
];

function supported(kind: 'timeZone' | 'currency', current: string): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const all = intl.supportedValuesOf ? intl.supportedValuesOf(kind) : [];
  return all.includes(current) ? all : [current, ...all];
}

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

const num = (v: number | string): number =>
  typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v);

/** Paths of the numbers in a value that are not numbers (an emptied field). */
function nanPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'number') return Number.isNaN(value) ? [prefix] : [];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => nanPaths(v, prefix ? `${prefix}.${k}` : k));
  return [];
}

/**
 * The server's field errors by path. A calendar the business-calendar code refuses comes back as one
 * error on `calendar`; its message says which part, so it is shown at that part.
 */
function errorsByPath(error: unknown, t: (k: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const e of error.errors as FieldError[]) {
    let path = e.path.replace(/^body\./, '');
    let message = e.message;
    if (path === 'calendar') {
      if (/end after it starts/.test(message)) {
        path = 'calendar.workingHours';
        message = t('settings.caseForm.errors.hoursOrder');
      } else if (/overlap/.test(message)) {
        path = 'calendar.workingHours';
        message = t('settings.caseForm.errors.hoursOverlap');
      } else if (/Invalid time/.test(message)) {
        path = 'calendar.workingHours';
        message = t('settings.caseForm.errors.timeFormat');
      } else if (/time zone/.test(message)) {
        path = 'calendar.timeZone';
        message = t('settings.caseForm.errors.timeZone');
      } else if (/holiday region/.test(message)) {
        path = 'calendar.holidayState';
        message = t('settings.caseForm.errors.holidayRegion');
      } else if (/Invalid date/.test(message)) {
        path = 'calendar.closedDates';
        message = t('settings.caseForm.errors.date');
      }
    } else if (/^calendar\.workingHours\.\d+\.(start|end)$/.test(path)) {
      message = t('settings.caseForm.errors.timeFormat');
    } else if (/^calendar\.closedDates\.\d+$/.test(path)) {
      path = 'calendar.closedDates';
      message = t('settings.caseForm.errors.date');
    }
    out[path] = out[path] ? `${out[path]} ${message}` : message;
  }
  return out;
}

export function CaseSettingsForm() {
  const { t } = useTranslation();
  const { query, draft, setDraft, save, reset } = useSettingsDraft<CaseSettings>(PATH);
  const [advanced, setAdvanced] = useState(false);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const serverErrors = useMemo(() => errorsByPath(save.error, t), [save.error, t]);
  const errors = Object.keys(localErrors).length > 0 ? localErrors : serverErrors;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    // An emptied number field would travel as null, which for a goodwill limit means "unlimited".
    const missing = Object.fromEntries(
      nanPaths(draft).map((p) => [p, t('settings.caseForm.errors.notANumber')]),
    );
    setLocalErrors(missing);
    if (Object.keys(missing).length === 0) save.mutate(draft);
    else save.reset();
  };
  const update = (change: (d: CaseSettings) => void) =>
    setDraft((d) => {
      if (!d) return d;
      const next = structuredClone(d);
      change(next);
      return next;
    });

  return (
    <Section title={t('settings.caseForm.title')} id="set-case-settings">
      <QueryState query={query}>
        {() =>
          draft && (
            <form onSubmit={submit} aria-labelledby="set-case-settings">
              <Stack gap="md">
                <SlaFieldset draft={draft} saved={query.data!} update={update} errors={errors} />
                <CalendarFieldset draft={draft} saved={query.data!} update={update} errors={errors} />
                <EscalationFieldset draft={draft} saved={query.data!} update={update} errors={errors} />
                <GoodwillFieldset draft={draft} saved={query.data!} update={update} errors={errors} />
                {Object.keys(localErrors).length > 0 && (
                  <Text c="red" size="sm" role="alert">
                    {t('settings.caseForm.fieldErrors')}
                  </Text>
                )}
                {save.error instanceof ApiError && save.error.errors.length > 0 ? (
                  <ErrorAlert
                    error={
                      new ApiError(save.error.status, {
                        code: save.error.code,
                        detail: t('settings.caseForm.fieldErrors'),
                        title: save.error.title,
                      })
                    }
                  />
                ) : (
                  save.error && <ErrorAlert error={save.error} />
                )}
                {save.isSuccess && (
                  <Badge color="green" role="status">
                    {t('common.saved')}
                  </Badge>
                )}
                <Group>
                  <Button type="submit" loading={save.isPending}>
                    {t('common.save')}
                  </Button>
                  <Button
                    variant="default"
                    onClick={() => {
                      reset();
                      setLocalErrors({});
                    }}
                  >
                    {t('settings.caseForm.reset')}
                  </Button>
                  <Button
                    variant="subtle"
                    aria-expanded={advanced}
                    aria-controls="case-settings-json"
                    onClick={() => setAdvanced(!advanced)}
                  >
                    {advanced ? t('settings.caseForm.hideAdvanced') : t('settings.caseForm.advanced')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )
        }
      </QueryState>
      {advanced && (
        <div id="case-settings-json">
          <JsonSettings
            path={PATH}
            title={t('settings.caseForm.jsonTitle')}
            hint={t('settings.caseSettingsHint')}
          />
        </div>
      )}
    </Section>
  );
}

type PartProps = {
  draft: CaseSettings;
  saved: CaseSettings;
  update: (change: (d: CaseSettings) => void) => void;
  errors: Record<string, string>;
};

/** A duration in business minutes entered as hours and minutes. */
function BusinessDuration({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: number;
  onChange: (minutes: number) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const describedBy = error ? `${id}-error` : undefined;
  const whole = Number.isFinite(value) ? Math.round(value) : 0;
  const hours = Math.floor(whole / 60);
  const minutes = whole - hours * 60;
  return (
    <Input.Wrapper id={id} label={label} error={error} component="div" labelElement="div">
      <Group gap="xs" wrap="nowrap" mt={4}>
        <NumberInput
          aria-label={t('settings.caseForm.hoursOf', { what: label })}
          value={hours}
          min={0}
          allowNegative={false}
          allowDecimal={false}
          suffix={` ${t('settings.caseForm.unitHours')}`}
          error={!!error}
          {...OWN_ARIA}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          w={130}
          onChange={(v) => onChange((Number.isFinite(num(v)) ? num(v) : 0) * 60 + minutes)}
        />
        <NumberInput
          aria-label={t('settings.caseForm.minutesOf', { what: label })}
          value={minutes}
          min={0}
          max={59}
          allowNegative={false}
          allowDecimal={false}
          suffix={` ${t('settings.caseForm.unitMinutes')}`}
          error={!!error}
          {...OWN_ARIA}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          w={110}
          onChange={(v) => onChange(hours * 60 + (Number.isFinite(num(v)) ? num(v) : 0))}
        />
      </Group>
    </Input.Wrapper>
  );
}

function SlaFieldset({ draft, update, errors }: PartProps) {
  const { t } = useTranslation();
  const clockName = { firstResponseMinutes: 'firstResponse', resolutionMinutes: 'resolution' } as const;
  return (
    <Fieldset legend={t('settings.caseForm.slaTitle')}>
      <Text size="sm" c="dimmed" mb="xs">
        {t('settings.caseForm.slaHint')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {PRIORITIES.map((p) => (
          <Fieldset key={p} legend={capitalize(t(`priority.${p}`))} variant="filled" p="xs">
            <Group gap="md" align="flex-start" wrap="wrap">
              {CLOCKS.map((c) => (
                <BusinessDuration
                  key={c}
                  label={t('settings.caseForm.clockOf', {
                    priority: capitalize(t(`priority.${p}`)),
                    clock: t(`settings.caseForm.${clockName[c]}`),
                  })}
                  value={draft.slaPolicies[p][c]}
                  error={errors[`slaPolicies.${p}.${c}`] ?? errors[`slaPolicies.${p}`]}
                  onChange={(m) =>
                    update((d) => {
                      d.slaPolicies[p][c] = m;
                    })
                  }
                />
              ))}
            </Group>
          </Fieldset>
        ))}
      </SimpleGrid>
    </Fieldset>
  );
}

function CalendarFieldset({ draft, update, errors }: PartProps) {
  const { t } = useTranslation();
  const cal = draft.calendar;
  const zones = useMemo(() => supported('timeZone', cal.timeZone), [cal.timeZone]);
  const hoursError =
    errors['calendar.workingHours'] ??
    Object.entries(errors).find(([k]) => k.startsWith('calendar.workingHours.'))?.[1];
  const hoursId = useId();
  const rangeHasError = (i: number, k: 'start' | 'end') =>
    !!errors['calendar.workingHours'] || !!errors[`calendar.workingHours.${i}.${k}`];
  return (
    <Fieldset legend={t('settings.caseForm.calendarTitle')}>
      <Stack gap="sm">
        {errors.calendar && (
          <Text c="red" size="sm" role="alert">
            {errors.calendar}
          </Text>
        )}
        <Select
          label={t('settings.caseForm.timeZone')}
          data={zones}
          value={cal.timeZone}
          searchable
          allowDeselect={false}
          maw={320}
          error={errors['calendar.timeZone']}
          onChange={(v) =>
            v &&
            update((d) => {
              d.calendar.timeZone = v;
            })
          }
        />
        <Checkbox.Group
          label={t('settings.caseForm.workingDays')}
          value={cal.workingDays.map(String)}
          error={errors['calendar.workingDays']}
          onChange={(v) =>
            update((d) => {
              d.calendar.workingDays = v.map(Number).sort((a, b) => a - b);
            })
          }
        >
          <Group gap="md" mt={4}>
            {WEEKDAYS.map((day) => (
              <Checkbox
                key={day}
                value={day}
                label={t(`settings.caseForm.weekdays.${day}`)}
                aria-label={t(`settings.caseForm.weekdaysLong.${day}`)}
              />
            ))}
          </Group>
        </Checkbox.Group>
        <Input.Wrapper
          label={t('settings.caseForm.workingHours')}
          description={t('settings.caseForm.workingHoursHint')}
          id={hoursId}
          error={hoursError}
          component="div"
          labelElement="div"
        >
          <Stack gap={6} mt={6}>
            {cal.workingHours.map((range, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: ranges have no identity but their position
              <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
                {(['start', 'end'] as const).map((k) => (
                  <TextInput
                    key={k}
                    aria-label={t(k === 'start' ? 'settings.caseForm.fromN' : 'settings.caseForm.toN', {
                      n: i + 1,
                    })}
                    placeholder="HH:MM"
                    value={range[k]}
                    maxLength={5}
                    w={90}
                    inputMode="numeric"
                    error={rangeHasError(i, k)}
                    {...OWN_ARIA}
                    aria-invalid={rangeHasError(i, k) || undefined}
                    aria-describedby={hoursError ? `${hoursId}-error` : `${hoursId}-description`}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      update((d) => {
                        d.calendar.workingHours[i][k] = v;
                      });
                    }}
                  />
                ))}
                <Button
                  variant="subtle"
                  color="red"
                  size="xs"
                  disabled={cal.workingHours.length <= 1}
                  aria-label={t('settings.caseForm.removeRange', { n: i + 1 })}
                  onClick={() =>
                    update((d) => {
                      d.calendar.workingHours.splice(i, 1);
                    })
                  }
                >
                  {t('settings.remove')}
                </Button>
              </Group>
            ))}
            <Group>
              <Button
                size="xs"
                variant="default"
                onClick={() =>
                  update((d) => {
                    const last = d.calendar.workingHours.at(-1);
                    d.calendar.workingHours.push({ start: last?.end ?? '08:00', end: '24:00' });
                  })
                }
              >
                {t('settings.caseForm.addRange')}
              </Button>
            </Group>
          </Stack>
        </Input.Wrapper>
        {cal.holidayCountry === 'DE' ? (
          <NativeSelect
            label={t('settings.caseForm.holidayState')}
            value={cal.holidayState ?? ''}
            maw={320}
            error={errors['calendar.holidayState']}
            data={[
              { value: '', label: t('settings.caseForm.holidayStateNone') },
              ...DE_STATES.map((s) => ({ value: s, label: t(`settings.caseForm.states.${s}`) })),
            ]}
            onChange={(e) => {
              const v = e.currentTarget.value;
              update((d) => {
                d.calendar.holidayState = v || null;
              });
            }}
          />
        ) : (
          <TextInput
            label={t('settings.caseForm.holidayRegion', { country: cal.holidayCountry })}
            value={cal.holidayState ?? ''}
            maw={320}
            error={errors['calendar.holidayState']}
            onChange={(e) => {
              const v = e.currentTarget.value.trim();
              update((d) => {
                d.calendar.holidayState = v || null;
              });
            }}
          />
        )}
        <TagsInput
          label={t('settings.caseForm.closedDates')}
          description={t('settings.caseForm.closedDatesHint')}
          placeholder={t('settings.caseForm.closedDatesPlaceholder')}
          value={cal.closedDates}
          splitChars={[',', ' ', ';']}
          clearable
          error={errors['calendar.closedDates']}
          onChange={(v) =>
            update((d) => {
              d.calendar.closedDates = [...new Set(v.map((x) => x.trim()))].sort();
            })
          }
        />
      </Stack>
    </Fieldset>
  );
}

function EscalationFieldset({ draft, update, errors }: PartProps) {
  const { t } = useTranslation();
  const tiers = useTierRules();
  const tierCodes = useMemo(
    () => [...new Set([...(tiers.data?.rules.map((r) => r.tier) ?? []), ...draft.highValueTiers])],
    [tiers.data, draft.highValueTiers],
  );
  return (
    <Fieldset legend={t('settings.caseForm.escalationTitle')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NumberInput
          label={t('settings.caseForm.escalationShare')}
          description={t('settings.caseForm.escalationShareHint')}
          value={Math.round(draft.escalationShare * 1000) / 10}
          min={1}
          max={100}
          step={5}
          decimalScale={1}
          allowNegative={false}
          suffix=" %"
          error={errors.escalationShare}
          onChange={(v) =>
            update((d) => {
              d.escalationShare = num(v) / 100;
            })
          }
        />
        <NumberInput
          label={t('settings.caseForm.angerEscalateAt')}
          description={t('settings.caseForm.angerEscalateAtHint')}
          value={draft.angerEscalateAt}
          min={0}
          max={1}
          step={0.05}
          decimalScale={2}
          allowNegative={false}
          error={errors.angerEscalateAt}
          onChange={(v) =>
            update((d) => {
              d.angerEscalateAt = num(v);
            })
          }
        />
        <MultiSelect
          label={t('settings.caseForm.highValueTiers')}
          description={t('settings.caseForm.highValueTiersHint')}
          data={tierCodes}
          value={draft.highValueTiers}
          clearable
          error={errors.highValueTiers}
          onChange={(v) =>
            update((d) => {
              d.highValueTiers = v;
            })
          }
        />
        <div />
        <BusinessDuration
          label={t('settings.caseForm.callback')}
          value={draft.callbackBusinessMinutes}
          error={errors.callbackBusinessMinutes}
          onChange={(m) =>
            update((d) => {
              d.callbackBusinessMinutes = m;
            })
          }
        />
        <BusinessDuration
          label={t('settings.caseForm.reminder')}
          value={draft.reminderBusinessMinutes}
          error={errors.reminderBusinessMinutes}
          onChange={(m) =>
            update((d) => {
              d.reminderBusinessMinutes = m;
            })
          }
        />
      </SimpleGrid>
    </Fieldset>
  );
}

function GoodwillFieldset({ draft, saved, update, errors }: PartProps) {
  const { t } = useTranslation();
  const currencies = useMemo(() => supported('currency', draft.currency), [draft.currency]);
  return (
    <Fieldset legend={t('settings.caseForm.goodwillTitle')}>
      <Stack gap="sm">
        <Select
          label={t('settings.caseForm.currency')}
          description={t('settings.caseForm.currencyHint')}
          data={currencies}
          value={draft.currency}
          searchable
          allowDeselect={false}
          maw={320}
          error={errors.currency}
          onChange={(v) =>
            v &&
            update((d) => {
              d.currency = v;
            })
          }
        />
        <Text size="sm" c="dimmed">
          {t('settings.caseForm.goodwillHint', { currency: draft.currency })}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {ROLES.map((role) => (
            <Fieldset key={role} legend={t(`roles.${role}`)} variant="filled" p="xs">
              <Stack gap="xs">
                {PERIODS.map((period) => {
                  const value = draft.goodwillLimits[role][period];
                  const periodName = t(
                    `settings.caseForm.${period === 'perCaseMinor' ? 'perCase' : 'perMonth'}`,
                  );
                  const vars = { role: t(`roles.${role}`), period: periodName, currency: draft.currency };
                  return (
                    <Stack key={period} gap={4}>
                      <MoneyInput
                        label={t('settings.caseForm.limitOf', vars)}
                        currency={draft.currency}
                        value={value}
                        disabled={value === null}
                        error={errors[`goodwillLimits.${role}.${period}`]}
                        onChange={(minor) =>
                          update((d) => {
                            // Emptied is no limit given (NaN, refused on save), not "unlimited" (null).
                            d.goodwillLimits[role][period] = minor ?? Number.NaN;
                          })
                        }
                      />
                      <Checkbox
                        size="xs"
                        label={t('settings.caseForm.unlimited')}
                        aria-label={t('settings.caseForm.unlimitedOf', vars)}
                        checked={value === null}
                        onChange={(e) => {
                          const unlimited = e.currentTarget.checked;
                          update((d) => {
                            d.goodwillLimits[role][period] = unlimited
                              ? null
                              : (saved.goodwillLimits[role][period] ?? 0);
                          });
                        }}
                      />
                    </Stack>
                  );
                })}
              </Stack>
            </Fieldset>
          ))}
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}
