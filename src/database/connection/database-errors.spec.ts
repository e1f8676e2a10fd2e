import { BadRequestException } from '@nestjs/common';
import { DatabaseError } from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, TypeORMError } from 'typeorm';
import {
  DatabaseConnectionLostError,
  DatabaseStatementTimeoutError,
  databaseUnavailability,
  isBrokenConnection,
  isStatementTimeout,
} from './database-errors';

const systemError = (code: string, message: string) => Object.assign(new Error(message), { code });
const sqlError = (code: string, message: string) => Object.assign(new DatabaseError(message, 0, 'error'), { code });
const failedQuery = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);
const requestAborted = () =>
  Object.assign(new Error('request aborted'), { code: 'ECONNABORTED', type: 'request.aborted', status: 400, expose: true });

describe('databaseUnavailability', () => {
  it.each([
    ['refused', systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), 'ECONNREFUSED'],
    ['reset', systemError('ECONNRESET', 'read ECONNRESET'), 'read ECONNRESET'],
    ['broken pipe', systemError('EPIPE', 'write EPIPE'), 'EPIPE'],
    ['unknown host', systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND db'), 'ENOTFOUND'],
    ['terminated', new Error('Connection terminated unexpectedly'), 'Connection terminated unexpectedly'],
    ['connect timeout', new Error('Connection terminated due to connection timeout'), 'connection timeout'],
    ['pool queue timeout', new Error('timeout exceeded when trying to connect'), 'timeout exceeded'],
    ['pool ended', new Error('Cannot use a pool after calling end on the pool'), 'pool'],
    ['dead client', new Error('Client has encountered a connection error and is not queryable'), 'not queryable'],
    ['data source destroyed', new TypeORMError('Driver not Connected'), 'Driver not Connected'],
    ['admin shutdown', sqlError('57P01', 'terminating connection due to administrator command'), '57P01'],
    ['crash shutdown', sqlError('57P02', 'terminating connection because of crash of another server process'), '57P02'],
    ['starting up', sqlError('57P03', 'the database system is starting up'), '57P03'],
    ['too many connections', sqlError('53300', 'sorry, too many clients already'), '53300'],
    ['PgBouncer', sqlError('08P01', 'server conn crashed?'), '08P01'],
    ['connection failure', sqlError('08006', 'connection failure'), '08006'],
    ['statement bound', new DatabaseStatementTimeoutError(6000), '6000 ms'],
  ])('recognises %s', (_, error, expected) => {
    expect(databaseUnavailability(error)).toContain(expected);
    expect(databaseUnavailability(failedQuery(error))).toContain(expected);
  });

  it('looks through causes and AggregateErrors to the real reason', () => {
    const aggregate = new AggregateError([systemError('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432')], 'connect failed');
    expect(databaseUnavailability(aggregate)).toContain('ECONNREFUSED');
    const wrapped = new Error('Connection terminated due to connection timeout', {
      cause: new Error('Connection terminated unexpectedly'),
    });
    expect(databaseUnavailability(wrapped)).toBe('Connection terminated unexpectedly');
    const lost = new DatabaseConnectionLostError(systemError('ECONNRESET', 'read ECONNRESET'));
    expect(databaseUnavailability(lost)).toBe('read ECONNRESET');
  });

  it.each([
    ['a syntax error', failedQuery(sqlError('42601', 'syntax error at or near "SELEC"'))],
    ['a missing column', failedQuery(sqlError('42703', 'column "x" does not exist'))],
    ['a unique violation', failedQuery(sqlError('23505', 'duplicate key value violates unique constraint'))],
    ['a serialization failure', failedQuery(sqlError('40001', 'could not serialize access'))],
    ['a released query runner without a cause', new QueryRunnerAlreadyReleasedError()],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'id')")],
    // The database answered: the statement was slow (logged as such by the SQL gateway).
    ['a statement cancelled by statement_timeout', failedQuery(sqlError('57014', 'canceling statement due to statement timeout'))],
    // A client that went away in the middle of its request body (raw-body's error, as Nest wraps it).
    ['an aborted request body', new BadRequestException('request aborted', { cause: requestAborted() })],
    ['an aborted request body, unwrapped', requestAborted()],
    ['a string', 'boom'],
    ['null', null],
  ])('leaves %s to be a bug', (_, error) => {
    expect(databaseUnavailability(error)).toBeNull();
  });
});

describe('isBrokenConnection', () => {
  it.each([
    systemError('ECONNRESET', 'read ECONNRESET'),
    systemError('EPIPE', 'write EPIPE'),
    new Error('Connection terminated unexpectedly'),
    failedQuery(sqlError('57P01', 'terminating connection due to administrator command')),
  ])('is true for a connection that died: %s', (error) => {
    expect(isBrokenConnection(error)).toBe(true);
  });

  it.each([
    systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
    new DatabaseStatementTimeoutError(6000),
    failedQuery(sqlError('57014', 'canceling statement due to statement timeout')),
    failedQuery(sqlError('23505', 'duplicate key')),
  ])('is false otherwise: %s', (error) => {
    expect(isBrokenConnection(error)).toBe(false);
  });
});

describe('isStatementTimeout', () => {
  it('is true for a statement the server cancelled at statement_timeout, however wrapped', () => {
    expect(isStatementTimeout(failedQuery(sqlError('57014', 'canceling statement due to statement timeout')))).toBe(true);
  });

  it.each([new DatabaseStatementTimeoutError(6000), failedQuery(sqlError('23505', 'duplicate key')), null])('is false otherwise: %s', (error) => {
    expect(isStatementTimeout(error)).toBe(false);
  });
});
