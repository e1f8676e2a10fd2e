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
  return bufferedStdout();
}

// Lines are gathered up to LOG_BUFFER_BYTES and written together (one system call for many
// requests' lines instead of one each), and never wait longer than LOG_FLUSH_INTERVAL_MS. Shutdown
// flushes what is left (ObservabilityModule); a crash may lose at most that interval's lines.
export const LOG_BUFFER_BYTES = 4096;
export const LOG_FLUSH_INTERVAL_MS = 200;

const flushTimers = new WeakMap<DestinationStream, NodeJS.Timeout>();

export function bufferedStdout(): DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES });
  flushTimers.set(destination, setInterval(() => destination.flush(), LOG_FLUSH_INTERVAL_MS).unref());
  return destination;
}

// At shutdown, after the last flush: an app closed inside a longer-lived process (tests, the CLI)
// leaves no timer behind.
export function stopPeriodicFlush(destination: DestinationStream): void {
  clearInterval(flushTimers.get(destination));
  flushTimers.delete(destination);
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
