import { describe, expect, it } from 'vitest';
import { formatMoney, isCurrency, minorDigits, parseMoney, separators, toMajor, toMinor } from './money.js';

const ok = (amountMinor: number) => ({ ok: true, amountMinor });

describe('platform/money', () => {
  it('reads minor digits per currency from Intl', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
  });

  it('parses German thousands and decimal separators', () => {
    expect(parseMoney('1.234,56', 'de', 'EUR')).toEqual(ok(123456));
    expect(parseMoney('1.234', 'de', 'EUR')).toEqual(ok(123400));
    expect(parseMoney('12,5', 'de', 'EUR')).toEqual(ok(1250));
    expect(parseMoney('1.234,56 €', 'de-DE', 'EUR')).toEqual(ok(123456));
  });

  it('parses English thousands and decimal separators', () => {
    expect(parseMoney('1,234.56', 'en', 'EUR')).toEqual(ok(123456));
    expect(parseMoney('€1,234.56', 'en', 'EUR')).toEqual(ok(123456));
    expect(parseMoney('0.5', 'en', 'EUR')).toEqual(ok(50));
  });

  it('parses currencies without and with three minor digits', () => {
    expect(parseMoney('1.234', 'de', 'JPY')).toEqual(ok(1234));
    expect(parseMoney('1,234.567', 'en', 'KWD')).toEqual(ok(1234567));
    expect(parseMoney('2', 'en', 'KWD')).toEqual(ok(2000));
  });

  it('refuses letters, two decimal separators and too many decimals', () => {
    expect(parseMoney('12a', 'de', 'EUR')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseMoney('1,2,3', 'de', 'EUR')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseMoney('1.23.4', 'en', 'EUR')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseMoney('1,234', 'de', 'EUR')).toEqual({ ok: false, reason: 'too_many_decimals' });
    expect(parseMoney('1.5', 'de', 'JPY')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseMoney('', 'de', 'EUR')).toEqual({ ok: false, reason: 'empty' });
  });

  it('refuses group separators in the wrong places', () => {
    expect(parseMoney('12.34', 'de', 'EUR')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseMoney('1,23,456.00', 'en', 'EUR')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('keeps a leading minus', () => {
    expect(parseMoney('-1.234,56', 'de', 'EUR')).toEqual(ok(-123456));
  });

  it('formats per currency and reader language', () => {
    expect(formatMoney(123456, 'EUR', 'de')).toBe('1.234,56\u00a0€');
    expect(formatMoney(123456, 'EUR', 'en')).toBe('€1,234.56');
    expect(formatMoney(1234, 'JPY', 'en')).toBe('¥1,234');
    expect(formatMoney(1234567, 'KWD', 'en')).toBe('KWD\u00a01,234.567');
  });

  it('rounds to whole major units when asked, per currency', () => {
    expect(formatMoney(123456, 'EUR', 'de', { wholeUnits: true })).toBe('1.235\u00a0€');
    expect(formatMoney(123449, 'EUR', 'en', { wholeUnits: true })).toBe('€1,234');
    expect(formatMoney(1234567, 'KWD', 'en', { wholeUnits: true })).toBe('KWD\u00a01,235');
  });

  it('converts between minor and major units per currency', () => {
    expect(toMajor(123456, 'EUR')).toBe(1234.56);
    expect(toMajor(1234, 'JPY')).toBe(1234);
    expect(toMinor(1234.567, 'KWD')).toBe(1234567);
    expect(toMinor(0.1 + 0.2, 'EUR')).toBe(30);
  });

  it('knows currency codes and separators', () => {
    expect(isCurrency('EUR')).toBe(true);
    expect(isCurrency('EURO')).toBe(false);
    expect(isCurrency('XXQ')).toBe(false);
    expect(separators('de')).toEqual({ decimal: ',', group: '.' });
    expect(separators('en')).toEqual({ decimal: '.', group: ',' });
  });
});
