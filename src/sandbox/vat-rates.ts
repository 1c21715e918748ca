/**
 * VAT rate codes (API.md §3.4). Rates are exact fractions: `num / den`, so tax
 * computations never touch floating point.
 */
export interface VatRate {
  readonly num: bigint;
  readonly den: bigint;
}

const PCT = 100_000n; // rates below are given in thousandths of a percent

function pct(thousandths: number): VatRate {
  return { num: BigInt(thousandths), den: PCT };
}

const ZERO: VatRate = { num: 0n, den: 1n };

export const VAT_RATES: Readonly<Record<string, VatRate>> = {
  FR_200: pct(20_000),
  FR_100: pct(10_000),
  FR_85: pct(8_500),
  FR_55: pct(5_500),
  FR_21: pct(2_100),
  FR_09: pct(900),
  FR_1_05: pct(1_050),
  FR_1_75: pct(1_750),
  FR_15_385: pct(15_385),
  FR_196: pct(19_600),
  FR_85_construction: pct(8_500),
  FR_100_construction: pct(10_000),
  FR_200_construction: pct(20_000),
  DE_190: pct(19_000),
  DE_70: pct(7_000),
  BE_210: pct(21_000),
  BE_120: pct(12_000),
  BE_60: pct(6_000),
  ES_210: pct(21_000),
  IT_220: pct(22_000),
  LU_170: pct(17_000),
  NL_210: pct(21_000),
  exempt: ZERO,
  extracom: ZERO,
  intracom_21: ZERO,
  intracom_55: ZERO,
  intracom_85: ZERO,
  intracom_100: ZERO,
  crossborder: ZERO,
};

/** Codes accepted on documents (`mixed` only appears on read, `any` only on ledger accounts). */
export const VAT_RATE_CODES: readonly string[] = Object.keys(VAT_RATES);

export function vatRateOf(code: string): VatRate | undefined {
  return Object.prototype.hasOwnProperty.call(VAT_RATES, code) ? VAT_RATES[code] : undefined;
}
