/** Thrown by consoleFetch on a non-OK answer, as the console's own `HttpError` is. */
export class HttpError extends Error {
  constructor(
    message: string,
    public code?: number,
    public response?: Response,
    public json?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export class TimeoutError extends Error {
  constructor(
    public url: string,
    public ms: number,
  ) {
    super(`Call to ${url} timed out after ${ms} ms.`);
    this.name = 'TimeoutError';
  }
}
