// A money amount as the reader writes it (de "1.234,56", en "1,234.56"), read by platform/money into
// minor units of the currency (JPY none, KWD three). Text that is no amount (letters, two decimal
// separators, more decimals than the currency has) is a field error in the reader's language, and
// the input is invalid for the browser, so its form is not submitted. A TextInput rather than
// Mantine's NumberInput: that one drops letters silently as they are typed, so nobody would see why.
import { TextInput, type TextInputProps } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readerLocale } from '../lib/format';
import { minorDigits, parseMoney, toMajor, toMinor } from '../lib/money';

export type MoneyInputProps = Omit<TextInputProps, 'value' | 'defaultValue' | 'onChange' | 'type'> & {
  /** ISO 4217 code; decides the decimals. */
  currency: string;
  /** Minor units; null when empty, NaN while the text is no amount. */
  value: number | null;
  /** Called with the new minor units: null when emptied, NaN when the text is no amount. */
  onChange: (minor: number | null) => void;
};

type Reading = { minor: number | null; error: 'invalid' | 'tooManyDecimals' | 'tooLarge' | null };

/** Minor units as the reader writes them, without the currency: de 123456 EUR → "1.234,56". */
export function moneyText(minor: number | null, currency: string, locale: string): string {
  if (minor === null || Number.isNaN(minor)) return '';
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(toMajor(minor, currency));
}

function read(text: string, locale: string, currency: string): Reading {
  const r = parseMoney(text, locale, currency);
  if (r.ok) return { minor: r.amountMinor, error: null };
  if (r.reason === 'empty') return { minor: null, error: null };
  const error =
    r.reason === 'too_many_decimals' ? 'tooManyDecimals' : r.reason === 'too_large' ? 'tooLarge' : 'invalid';
  return { minor: Number.NaN, error };
}

const same = (a: number | null, b: number | null) =>
  a === b || (a !== null && b !== null && Number.isNaN(a) && Number.isNaN(b));

export function MoneyInput({
  currency,
  value,
  onChange,
  error,
  onBlur,
  onInvalid,
  ...rest
}: MoneyInputProps) {
  const { t } = useTranslation(); // renders again when the reader switches the language
  const locale = readerLocale();
  const [text, setText] = useState(() => moneyText(value, currency, locale));
  // The own error shows once the field is left or its form refused, not while typing "1.2…".
  const [shown, setShown] = useState(false);
  const ref = useRef<HTMLInputElement>(null);

  // A value set from outside (a reset, loaded settings) or another language replaces the text.
  const [synced, setSynced] = useState({ value, locale, currency });
  if (!same(synced.value, value) || synced.locale !== locale || synced.currency !== currency) {
    setSynced({ value, locale, currency });
    if (!same(value, read(text, locale, currency).minor)) {
      setText(moneyText(value, currency, locale));
      setShown(false);
    }
  }

  const reading = read(text, locale, currency);
  const example = moneyText(toMinor(1234.56, currency), currency, locale);
  const ownError =
    reading.error === null
      ? null
      : t(`money.errors.${reading.error}`, { digits: minorDigits(currency), currency, example });
  useEffect(() => {
    ref.current?.setCustomValidity(ownError ?? '');
  }, [ownError]);

  return (
    <TextInput
      {...rest}
      ref={ref}
      inputMode="decimal"
      autoComplete="off"
      value={text}
      error={(shown && ownError) || error}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        const minor = read(next, locale, currency).minor;
        if (!same(minor, value)) onChange(minor);
      }}
      onBlur={(e) => {
        setShown(true);
        if (reading.error === null && reading.minor !== null)
          setText(moneyText(reading.minor, currency, locale));
        onBlur?.(e);
      }}
      onInvalid={(e) => {
        // Our message next to the field instead of the browser's bubble; the form stays unsent.
        if (ownError) e.preventDefault();
        setShown(true);
        onInvalid?.(e);
      }}
    />
  );
}
