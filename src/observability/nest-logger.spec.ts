import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { createRootLogger } from './logger';
import { PinoNestLogger } from './nest-logger';
import { requestIdStorage } from '../request-context';

function capture(level: 'trace' | 'info' = 'trace') {
  const lines: Array<Record<string, unknown>> = [];
  const pino = createRootLogger(level, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { lines, logger: new PinoNestLogger(pino), pino };
}

describe('PinoNestLogger', () => {
  it('writes a JSON line with the level name, the message and the context', () => {
    const { lines, logger } = capture();
    logger.log('hello', 'Greeter');
    logger.warn('careful');
    logger.verbose('details', 'Greeter');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'hello', context: 'Greeter' }),
      expect.objectContaining({ level: 'warn', msg: 'careful' }),
      expect.objectContaining({ level: 'trace', msg: 'details', context: 'Greeter' }),
    ]);
    expect(lines[1]).not.toHaveProperty('context');
  });

  it("takes Nest's error(message, stack, context) apart", () => {
    const { lines, logger } = capture();
    logger.error('failed', 'Error: failed\n    at somewhere (file.ts:1:1)', 'Worker');
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'failed', context: 'Worker', stack: expect.stringContaining('at somewhere') });
  });

  it('turns a stack trace logged as the message into its first line plus a stack field', () => {
    const { lines, logger } = capture();
    const error = new Error('database went away');
    logger.error(error.stack, 'Exceptions');
    expect(lines[0]).toMatchObject({ msg: 'Error: database went away', context: 'Exceptions', stack: error.stack });
  });

  it("logs an Error's name, message and stack only, never its other fields (query parameters)", () => {
    const { lines, logger } = capture();
    logger.error(new QueryFailedError('SELECT $1', ['someone@example.com'], new Error('boom')), 'Exceptions');
    expect(lines[0]).toMatchObject({ msg: 'boom', error: { type: 'QueryFailedError', message: 'boom' } });
    expect(JSON.stringify(lines[0])).not.toContain('someone@example.com');
  });

  it('writes structured messages as fields', () => {
    const { lines, logger } = capture();
    logger.log({ msg: 'listening', url: 'http://localhost:3000' }, 'Main');
    expect(lines[0]).toMatchObject({ msg: 'listening', url: 'http://localhost:3000', context: 'Main' });
  });

  it("keeps Nest's per-module and per-route start-up lines for debug", () => {
    const { lines, logger } = capture('info');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('Mapped {/v1/users, GET} route', 'RouterExplorer');
    logger.log('Nest application successfully started', 'NestApplication');
    expect(lines.map((line) => line.context)).toEqual(['NestApplication']);
  });

  it('adds the request id to every line written while a request is served, through Nest\'s Logger too', () => {
    const { lines, logger } = capture();
    const previous = Logger.overrideLogger(logger);
    try {
      requestIdStorage.run('req-1', () => {
        new Logger('Service').log('inside');
      });
      new Logger('Service').log('outside');
    } finally {
      Logger.overrideLogger(previous as never);
    }
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'inside', request_id: 'req-1', context: 'Service' }),
      expect.objectContaining({ msg: 'outside' }),
    ]);
    expect(lines[1]).not.toHaveProperty('request_id');
  });
});
