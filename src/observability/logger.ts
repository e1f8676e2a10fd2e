import { pino, type DestinationStream, type Logger } from 'pino';
import type { AppConfig } from '../config';

// Where log lines go. Provided by the ObservabilityModule; tests override it to read the lines.
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

export function createRootLogger(level: AppConfig['LOG_LEVEL'], destination: DestinationStream): Logger {
  return pino(
    {
      level,
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

// JSON lines on stdout through pino's asynchronous writer, which never blocks a request on the
// terminal or a pipe. Readable colour output only for a developer at a terminal, and only when the
// optional pino-pretty is installed (it is a development dependency).
export async function defaultLogDestination(config: AppConfig): Promise<DestinationStream> {
  if (config.NODE_ENV === 'development' && process.stdout.isTTY) {
    const pretty = await loadPinoPretty();
    if (pretty) return pretty({ colorize: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' });
  }
  return pino.destination({ dest: 1, sync: false });
}

type PrettyFactory = (options: Record<string, unknown>) => DestinationStream;

async function loadPinoPretty(): Promise<PrettyFactory | null> {
  try {
    const module = (await import('pino-pretty')) as unknown as { default: PrettyFactory };
    return module.default;
  } catch {
    return null;
  }
}
