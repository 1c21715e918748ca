/** Realistic identifiers: SIREN (Luhn), French VAT numbers, IBANs (mod 97), slugs, phones. */
import type { Rng } from '../random.js';
import type { Address } from '../records.js';
import { STREETS, type City } from './names.js';

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A 9-digit SIREN that passes the Luhn check. */
export function siren(rng: Rng): string {
  const base = String(rng.int(1, 9)) + rng.digits(7);
  for (let d = 0; d <= 9; d++) {
    const candidate = base + String(d);
    if (luhnValid(candidate)) return candidate;
  }
  throw new Error('unreachable');
}

/** French VAT number: FR + key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97. */
export function frenchVatNumber(sirenNumber: string): string {
  const key = (12 + 3 * (Number(sirenNumber) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${sirenNumber}`;
}

export function foreignVatNumber(rng: Rng, country: string): string {
  if (country === 'BE') return `BE0${rng.digits(9)}`;
  if (country === 'CH') return `CHE${rng.digits(9)}`;
  if (country === 'LU') return `LU${rng.digits(8)}`;
  return `${country}${rng.digits(9)}`;
}

function mod97(numeric: string): number {
  let rem = 0;
  for (const ch of numeric) rem = (rem * 10 + Number(ch)) % 97;
  return rem;
}

function ibanNumeric(s: string): string {
  return [...s].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
}

export function isValidIban(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact)) return false;
  return mod97(ibanNumeric(compact.slice(4) + compact.slice(0, 4))) === 1;
}

/** A French IBAN (FR76…) with valid check digits. */
export function frenchIban(rng: Rng): string {
  const bban = rng.digits(10) + rng.digits(11) + rng.digits(2);
  const check = 98 - mod97(ibanNumeric(`${bban}FR00`));
  return `FR${String(check).padStart(2, '0')}${bban}`;
}

/** "Boulangerie Dupré & Fils" → "boulangerie-dupre-fils". */
export function slugify(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function phoneNumber(rng: Rng, city: City, mobile: boolean): string {
  if (city.country_alpha2 !== 'FR') return `${city.phone} ${rng.digits(3)} ${rng.digits(3)} ${rng.digits(3)}`;
  const first = mobile ? rng.pick(['6', '7']) : rng.pick(['1', '2', '3', '4', '5', '9']);
  return `+33 ${first} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}`;
}

export function address(rng: Rng, city: City): Address {
  return {
    address: `${rng.int(1, 180)} ${rng.pick(STREETS)}`,
    postal_code: city.postal_code,
    city: city.city,
    country_alpha2: city.country_alpha2,
  };
}
