import { ValidateBy } from 'class-validator';

// An ISO-8601 timestamp strictly in the future (checked after IsISO8601).
export const IsFutureDate = () =>
  ValidateBy({
    name: 'isFutureDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && Date.parse(value) > Date.now(),
      defaultMessage: () => 'Input should be in the future',
    },
  });
