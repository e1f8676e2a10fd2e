import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';
import { requestIdStorage } from '../request-context';

// Nest's start-up chatter, one line per module and route: kept for LOG_LEVEL=debug.
const CHATTY_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

// Nest's LoggerService on pino: every line written through Nest's Logger becomes a JSON line, and
// one written while a request is served carries that request's id.
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  // Nest passes the context last (`new Logger('Ctx').error(message, stack)` arrives as
  // `error(message, stack, 'Ctx')`).
  private write(level: Level, message: unknown, params: unknown[]): void {
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const stack = level === 'error' && typeof params[0] === 'string' ? params[0] : undefined;
    const logger = this.pino;
    const requestId = requestIdStorage.getStore();
    const effective = level === 'info' && context !== undefined && CHATTY_CONTEXTS.has(context) ? 'debug' : level;
    if (!logger.isLevelEnabled(effective)) return;
    const fields: Record<string, unknown> = {
      ...(requestId !== undefined && { request_id: requestId }),
      context,
      ...(stack !== undefined && { stack }),
    };
    if (message instanceof Error) {
      // Only name, message and stack: an error's own fields can hold query parameters.
      fields.error = { type: message.name, message: message.message, stack: message.stack };
      logger[effective](fields, message.message);
    } else if (typeof message === 'string') {
      const newline = message.indexOf('\n');
      if (newline !== -1 && message.includes('\n    at ')) {
        // A stack trace logged as the message (the exception filter does so): its first line
        // becomes the message, the whole trace a field of its own.
        logger[effective]({ stack: message, ...fields }, message.slice(0, newline));
      } else {
        logger[effective](fields, message);
      }
    } else if (message !== null && typeof message === 'object') {
      // Structured lines, e.g. Logger.log({ msg: 'listening', url }, 'Main').
      logger[effective]({ ...fields, ...message });
    } else {
      logger[effective](fields, String(message));
    }
  }
}
