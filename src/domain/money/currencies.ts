/**
 * ISO 4217 currency codes with their minor units (decimal places of the smallest unit). A static
 * table, not the runtime's Intl data, so that rounding never changes with the runtime's ICU version.
 * Includes currencies withdrawn recently (HRK, SLL, CUC, ANG, ZWL) because historic contracts use them.
 */
const minorUnitExceptions: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

const codes = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN ' +
  'BZD CAD CDF CHF CLF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP ' +
  'GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR ' +
  'KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN ' +
  'MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR ' +
  'SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX ' +
  'USD UYI UYU UYW UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL'
).split(' ');

export const currencyMinorUnits: ReadonlyMap<string, number> = new Map(
  codes.map((code) => [code, minorUnitExceptions[code] ?? 2]),
);

export const isCurrencyCode = (code: string): boolean => currencyMinorUnits.has(code);

/** Decimal places of the currency's minor unit (GBP 2, JPY 0, KWD 3). Throws for an unknown code. */
export function minorUnits(currency: string): number {
  const units = currencyMinorUnits.get(currency);
  if (units === undefined) throw new Error(`Unknown currency ${currency}`);
  return units;
}
