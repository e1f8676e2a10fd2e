import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql/sql';

const PROBE_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(private readonly sql: Sql) {}

  async databaseIsUp(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
    });
    const probe = this.sql.rows('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
