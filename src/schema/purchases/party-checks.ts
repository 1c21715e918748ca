import type { PostalAddressInput } from '../shared/common-fields.js';
import type { InputChecks } from '../shared/validation.js';

/**
 * Gateway checks of a third party's identity fields (suppliers; usable for customers): IBAN
 * check digits (ISO 13616, mod 97), SIRET (14 digits), e-mail addresses, postal address.
 */

type Path = readonly (string | number)[];

/** The IBAN without spaces, upper-case: what is sent to Pennylane. */
export function compactIban(iban: string): string {
  return iban.replace(/\s+/g, '').toUpperCase();
}

/** ISO 13616: country, two check digits, up to 30 alphanumerics; rearranged, it is 1 modulo 97. */
export function isValidIban(iban: string): boolean {
  const compact = compactIban(iban);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

export function checkIban(checks: InputChecks, path: Path, iban: string | null | undefined): void {
  if (iban === null || iban === undefined || iban === '') return;
  if (!isValidIban(iban)) checks.add(path, `"${iban}" is not a valid IBAN (its check digits do not match).`, 'INVALID_IBAN');
}

export function checkSiret(checks: InputChecks, path: Path, siret: string | null | undefined): void {
  if (siret === null || siret === undefined) return;
  if (!/^\d{14}$/.test(siret)) checks.add(path, `A SIRET is 14 digits (SIREN 9 + NIC 5), got "${siret}".`, 'INVALID_SIRET');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmails(checks: InputChecks, path: Path, emails: readonly string[] | null | undefined): void {
  for (const [index, email] of (emails ?? []).entries()) {
    if (!EMAIL.test(email)) checks.add([...path, index], `"${email}" is not an e-mail address.`, 'INVALID_EMAIL');
  }
}

export function checkCountry(checks: InputChecks, path: Path, country: string | null | undefined): void {
  if (country === null || country === undefined) return;
  if (!/^[A-Z]{2}$/.test(country)) checks.add(path, `"${country}" is not an ISO 3166-1 alpha-2 country code (e.g. FR, DE).`, 'INVALID_COUNTRY');
}

export function checkAddress(checks: InputChecks, path: Path, address: PostalAddressInput | null | undefined): void {
  if (!address) return;
  checks.required([...path, 'address'], address.address, 'The street');
  checks.required([...path, 'postalCode'], address.postalCode, 'The postal code');
  checks.required([...path, 'city'], address.city, 'The city');
  checkCountry(checks, [...path, 'countryAlpha2'], address.countryAlpha2);
}

/** An open enum's OTHER stands for values this gateway does not know: it cannot be written. */
export function checkKnownValue(checks: InputChecks, path: Path, value: string | null | undefined): void {
  if (value === '__other__') checks.add(path, 'OTHER only reports values unknown to this gateway; it cannot be written.', 'INVALID');
}
