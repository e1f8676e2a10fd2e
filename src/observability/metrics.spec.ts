import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MAX_PREPARED_PER_CONNECTION, preparedName, unpreparedStatements } from '../database/sql/prepared-statements';
import { Metrics } from './metrics';

describe('Metrics', () => {
  it('exposes the statements run unprepared past the per-connection bound', async () => {
    const metrics = new Metrics(false, new DataSource({ type: 'postgres' }), { hits: 0, misses: 0, size: 0 });
    const prepared = new Set<string>();
    Logger.overrideLogger(false); // the bound's warning, tested in prepared-statements.spec.ts
    try {
      for (let i = 0; i <= MAX_PREPARED_PER_CONNECTION; i++) preparedName(`SELECT ${i} WHERE $1`, [1], 'm_', prepared);
    } finally {
      Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']);
    }
    expect(unpreparedStatements()).toBe(1);
    expect(await metrics.render()).toContain('\nleadr_db_unprepared_statements_total 1\n');
  });
});
