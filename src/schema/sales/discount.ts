import type { PennylaneDiscount } from '../../datasources/pennylane/customer-invoices.js';
import { builder } from '../builder.js';

export const DiscountTypeEnum = builder.enumType('DiscountType', {
  description: 'How a discount is expressed.',
  values: {
    ABSOLUTE: { value: 'absolute', description: 'An amount in the document currency.' },
    RELATIVE: { value: 'relative', description: 'A percentage.' },
  },
});

export const DiscountRef = builder.objectRef<PennylaneDiscount>('Discount').implement({
  description: 'A discount on an invoice or an invoice line.',
  fields: (t) => ({
    type: t.field({ type: DiscountTypeEnum, description: 'Amount or percentage.', resolve: (d) => d.type }),
    value: t.field({ type: 'Decimal', nullable: true, description: 'The amount or the percentage.', resolve: (d) => d.value }),
  }),
});
