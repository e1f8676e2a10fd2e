import { Index } from 'typeorm';

// Indexes the migrations create by hand (partial, expression or DESC ones). Declaring their names
// keeps `migration:generate` from proposing to drop them.
export const HandWrittenIndexes =
  (...names: string[]): ClassDecorator =>
  (target) => {
    for (const name of names) Index(name, { synchronize: false })(target);
  };
