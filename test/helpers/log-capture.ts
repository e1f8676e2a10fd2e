import type { LoggerService } from '@nestjs/common';
import type { DestinationStream } from 'pino';

export type LogEntry = Record<string, unknown> & { level: string; msg?: string };

// The one place tests capture output: what an app logs is kept for assertions, not printed, so a
// test run shows only results (TEST_LOGS=1 prints the app's log lines instead, for debugging).

// A log destination for tests: keeps every line the app writes, each parsed as JSON (a line that
// is not JSON makes `entries` throw). Every test app logs into one unless given another.
export class LogCapture implements DestinationStream {
  private readonly lines: string[] = [];

  write(chunk: string): void {
    for (const line of chunk.split('\n')) if (line !== '') this.lines.push(line);
  }

  get text(): string {
    return this.lines.join('\n');
  }

  get entries(): LogEntry[] {
    return this.lines.map((line) => JSON.parse(line) as LogEntry);
  }

  forRequest(requestId: string): LogEntry[] {
    return this.entries.filter((entry) => entry.request_id === requestId);
  }

  clear(): void {
    this.lines.length = 0;
  }
}

export interface LogLine {
  level: 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
  message: string;
}

// Keeps what the application's Nest logger is given (messages as Nest passes them, before they
// become JSON lines), for assertions about them.
export class CapturedLogs implements LoggerService {
  readonly lines: LogLine[] = [];
  log(message: unknown) {
    this.add('log', message);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.add('error', [message, ...rest].filter((part) => typeof part === 'string').join(' '));
  }
  warn(message: unknown) {
    this.add('warn', message);
  }
  debug(message: unknown) {
    this.add('debug', message);
  }
  verbose(message: unknown) {
    this.add('verbose', message);
  }
  fatal(message: unknown) {
    this.add('fatal', message);
  }
  matching(level: LogLine['level'], pattern: RegExp): string[] {
    return this.lines.filter((line) => line.level === level && pattern.test(line.message)).map((line) => line.message);
  }
  ofLevel(level: LogLine['level']): string[] {
    return this.lines.filter((line) => line.level === level).map((line) => line.message);
  }
  private add(level: LogLine['level'], message: unknown) {
    this.lines.push({ level, message: String(message) });
  }
}

// Keeps what the code under test writes straight to stdout (the bootstrap's generated key) while
// `run` runs.
export async function capturingStdout<T>(run: () => Promise<T>): Promise<{ result: T; printed: string }> {
  let printed = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += chunk.toString();
    return true;
  });
  try {
    return { result: await run(), printed };
  } finally {
    spy.mockRestore();
  }
}
