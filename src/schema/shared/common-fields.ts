import { builder } from '../builder.js';

/** A postal address as Pennylane stores it on customers and suppliers. */
export const AddressRef = builder
  .objectRef<{ address: string | null; postal_code: string | null; city: string | null; country_alpha2: string | null }>('Address')
  .implement({
    description: 'A postal address.',
    fields: (t) => ({
      address: t.exposeString('address', { nullable: true, description: 'Street and number.' }),
      postalCode: t.exposeString('postal_code', { nullable: true, description: 'Postal code.' }),
      city: t.exposeString('city', { nullable: true, description: 'City.' }),
      countryAlpha2: t.exposeString('country_alpha2', { nullable: true, description: 'ISO 3166-1 alpha-2 country code, e.g. FR.' }),
    }),
  });
