import { z } from 'zod';
import { isCurrencyCode } from '../money/currencies.ts';
import { dec } from '../money/money.ts';
import { isIsoDate } from '../time/dates.ts';

/** Building blocks of the contract definition. Amounts and rates are decimal strings, never JSON numbers. */

const notNumber = (what: string, example: string) =>
  ({ error: (issue: { input?: unknown }) =>
    typeof issue.input === 'number'
      ? `${what} must be a decimal string such as "${example}", not a JSON number (numbers lose precision)`
      : `${what} must be a decimal string such as "${example}"` }) as const;

export const Key = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'keys are 1-64 lower-case letters, digits or underscores, starting with a letter')
  .meta({ description: 'A stable identifier within the contract, e.g. `cohort_1`' });

export const Amount = z
  .string(notNumber('an amount', '1300.00'))
  .regex(/^\d{1,15}(\.\d{1,10})?$/, 'an amount is a non-negative decimal string such as "1300.00"')
  .meta({ description: 'A non-negative amount in the contract currency, as a decimal string', examples: ['1300.00'] });

/** Compares only well-formed decimals: refinements also run on values the pattern refused. */
const decimalThat = (test: (d: ReturnType<typeof dec>) => boolean) => (v: string) => /^-?\d+(\.\d+)?$/.test(v) && test(dec(v));

export const PositiveAmount = Amount.refine(decimalThat((d) => d.gt(0)), 'must be greater than zero').meta({
  description: 'An amount greater than zero, as a decimal string',
  examples: ['11700.00'],
});

export const Rate = z
  .string(notNumber('a rate', '0.10'))
  .regex(/^-?\d{1,9}(\.\d{1,12})?$/, 'a rate is a decimal string such as "0.10" (10%)')
  .meta({ description: 'A decimal fraction or ratio as a string: "0.10" is 10%', examples: ['0.10'] });

export const PositiveRate = Rate.refine(decimalThat((d) => d.gt(0)), 'must be greater than zero');
export const NonNegativeRate = Rate.refine(decimalThat((d) => d.gte(0)), 'must not be negative');
export const Fraction = Rate.refine(decimalThat((d) => d.gte(0) && d.lte(1)), 'must be between "0" and "1"');

export const IsoDateString = z
  .string()
  .refine(isIsoDate, 'a calendar date written YYYY-MM-DD')
  .meta({ description: 'A calendar date, YYYY-MM-DD', examples: ['2010-09-01'] });

export const CurrencyCode = z
  .string()
  .refine(isCurrencyCode, 'an ISO 4217 currency code such as "GBP"')
  .meta({ description: 'ISO 4217 currency code', examples: ['GBP', 'EUR', 'USD'] });

export const DateRange = z
  .strictObject({ start: IsoDateString, end: IsoDateString })
  .refine((r) => !isIsoDate(r.start) || !isIsoDate(r.end) || r.start <= r.end, {
    message: 'start must not be after end',
    path: ['end'],
  });
