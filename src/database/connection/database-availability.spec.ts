import { DatabaseAvailability } from './database-availability';

describe('DatabaseAvailability', () => {
  it('warns once when an outage starts and once when it ends, however many failures in between', () => {
    const warnings: string[] = [];
    const availability = new DatabaseAvailability({ warn: (message: string) => warnings.push(message) });
    availability.success();
    expect(warnings).toEqual([]);

    availability.failure('ECONNREFUSED connect ECONNREFUSED 127.0.0.1:5432');
    for (let i = 0; i < 50; i++) availability.refused('ECONNREFUSED connect ECONNREFUSED 127.0.0.1:5432');
    availability.failure('Connection terminated unexpectedly');
    expect(availability.isDown).toBe(true);
    expect(warnings).toEqual([
      'Database unavailable (ECONNREFUSED connect ECONNREFUSED 127.0.0.1:5432); requests that need it are answered 503 until it responds again',
    ]);

    availability.success();
    availability.success();
    expect(availability.isDown).toBe(false);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/^Database available again after \d+\.\d s; 50 request\(s\) were answered 503 meanwhile$/);

    availability.refused('read ECONNRESET');
    expect(warnings).toHaveLength(3);
    expect(warnings[2]).toContain('read ECONNRESET');
  });
});
