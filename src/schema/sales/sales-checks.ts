import { checkAddress as checkPartyAddress } from '../purchases/party-checks.js';
import type { PostalAddressInput } from '../shared/common-fields.js';
import { decimalUnits, type InputChecks } from '../shared/validation.js';

/**
 * Gateway checks of the sales writes beyond InputChecks and purchases/party-checks.ts
 * (IBANs, e-mail lists): one e-mail, assigned countries, signs of amounts, non-nullable texts.
 */

type Path = readonly (string | number)[];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(checks: InputChecks, path: Path, value: string | null | undefined): void {
  if (value === null || value === undefined) return;
  if (!EMAIL.test(value)) checks.add(path, `"${value}" is not an e-mail address.`, 'INVALID_EMAIL');
}

const COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG ' +
    'CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL ' +
    'GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA ' +
    'LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP ' +
    'NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
    'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/**
 * A postal address (party-checks: every part given, two upper-case letters), and a country
 * that ISO 3166-1 actually assigns.
 */
export function checkAddress(checks: InputChecks, path: Path, address: PostalAddressInput | null | undefined): void {
  checkPartyAddress(checks, path, address);
  const country = address?.countryAlpha2;
  if (country && /^[A-Z]{2}$/.test(country) && !COUNTRIES.has(country)) {
    checks.add([...path, 'countryAlpha2'], `"${country}" is not an assigned ISO 3166-1 alpha-2 country code.`, 'INVALID_COUNTRY');
  }
}

export function checkNotNegative(checks: InputChecks, path: Path, value: string | null | undefined, what: string): void {
  if (value && decimalUnits(value) < 0n) checks.add(path, `${what} cannot be negative.`, 'NEGATIVE');
}

export function checkPositive(checks: InputChecks, path: Path, value: string | null | undefined, what: string): void {
  if (value && decimalUnits(value) <= 0n) checks.add(path, `${what} must be greater than 0.`, 'NOT_POSITIVE');
}

/** Text fields Pennylane cannot clear: null is refused (send "" to empty a text). */
export function checkNotNull(checks: InputChecks, input: object, fields: readonly string[], at: Path = ['input']): void {
  for (const field of fields) {
    if ((input as Record<string, unknown>)[field] === null) checks.add([...at, field], 'This field cannot be null: leave it out to keep it.', 'NOT_NULLABLE');
  }
}
