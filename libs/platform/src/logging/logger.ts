// Structured JSON logs (pino) for every process; Nest's own messages go through the same logger.
import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';

/** To standard output unless told otherwise (the benchmarks send it to /dev/null, to count its cost). */
export function createLogger(level: string, name = 'chadavkhi', destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', 'password'],
      censor: '[redacted]',
    },
    serializers: { err: pino.stdSerializers.err },
  };
  return destination ? pino(options, destination) : pino(options);
}

export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, params: unknown[]) {
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    if (typeof message === 'object' && message !== null)
      this.logger[level](
        { context, ...(message as object) },
        params.find((p) => typeof p === 'string') as string | undefined,
      );
    else
      this.logger[level](
        { context, ...(params.length && level === 'error' && params[0] ? { stack: params[0] } : {}) },
        String(message),
      );
  }

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
}
