import { ApiError } from './http';

// A short text for the screen; the details stay in the console.
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
