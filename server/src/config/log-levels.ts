import { hostname } from 'node:os';
import type { LogLevel } from '@nestjs/common';

// Nest's levels, lowest first (the order of LOG_LEVELS in @nestjs/common)
export const NEST_LOG_LEVELS: readonly LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];

// what `npm start` and production write unless LOG_LEVEL says otherwise
export const DEFAULT_LOG_LEVELS: readonly LogLevel[] = ['log', 'warn', 'error', 'fatal'];

/** A threshold (LOG_LEVEL=warn) as the level list Nest takes: warn, error, fatal. */
export function levelsFrom(threshold: LogLevel): LogLevel[] {
  return NEST_LOG_LEVELS.slice(NEST_LOG_LEVELS.indexOf(threshold));
}

/** The instance's name in every line: INSTANCE_ID, else the host name (the container id in Docker). */
export function defaultInstanceId(env: NodeJS.ProcessEnv = process.env): string {
  return env.INSTANCE_ID?.trim() || hostname();
}
