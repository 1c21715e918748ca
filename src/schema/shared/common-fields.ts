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

export interface PostalAddressInput {
  address: string;
  postalCode: string;
  city: string;
  countryAlpha2: string;
}

/** A postal address to write (customers' billing and delivery addresses, suppliers' address). */
export const PostalAddressInputRef = builder.inputRef<PostalAddressInput>('PostalAddressInput').implement({
  description: 'A postal address, every part given.',
  fields: (t) => ({
    address: t.string({ required: true, description: 'Street and number.' }),
    postalCode: t.string({ required: true, description: 'Postal code.' }),
    city: t.string({ required: true, description: 'City.' }),
    countryAlpha2: t.string({ required: true, description: 'ISO 3166-1 alpha-2 country code, e.g. FR.' }),
  }),
});

/** Pennylane's address body (`{address, postal_code, city, country_alpha2}`). */
export function postalAddressBody(input: PostalAddressInput): Record<string, string> {
  return { address: input.address, postal_code: input.postalCode, city: input.city, country_alpha2: input.countryAlpha2 };
}
