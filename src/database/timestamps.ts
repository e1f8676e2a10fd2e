import { Column } from 'typeorm';

// Millisecond precision, so a timestamp read into a JS Date and written back into a cursor compares
// equal to the stored value (timestamptz defaults to microseconds, which would skip or repeat rows).
// Set by the database clock, so every instance agrees on the order of writes.
export const timestampColumn = (name: string) =>
  Column({ name, type: 'timestamptz', precision: 3, default: () => 'now()' });

export const nullableTimestampColumn = (name: string) =>
  Column({ name, type: 'timestamptz', precision: 3, nullable: true });

// The timestamps every table has; `deleted_at` marks a soft-deleted row.
export abstract class SoftDeletableTimestamps {
  @timestampColumn('created_at')
  createdAt: Date;

  @timestampColumn('updated_at')
  updatedAt: Date;

  @nullableTimestampColumn('deleted_at')
  deletedAt: Date | null;
}
