// Money in the web: the server's platform/money module (minor digits per currency from Intl, parsing
// with the reader's separators), bundled as it is. Formatting for display is `formatMoney` in format.ts.
export {
  minorDigits,
  parseMoney,
  type ParseMoneyResult,
  separators,
  toMajor,
  toMinor,
} from '../../../src/platform/money/money';
