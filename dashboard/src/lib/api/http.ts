import { endpointUrl, type EndpointCall, type EndpointResponse, type EndpointSpec } from '@iris/shared';

/**
 * The one way the dashboard calls the REST API: same origin, session cookie, JSON in and
 * out. A failed call throws an ApiError carrying the server's code and message, so each
 * screen can say what went wrong in words.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers:
        options.body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'network error');
  }
  const text = await response.text();
  const payload = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const body = (payload ?? {}) as { code?: unknown; message?: unknown; error?: unknown };
    const code = typeof body.code === 'string' ? body.code : `HTTP_${response.status}`;
    const message = Array.isArray(body.message)
      ? body.message.join(', ')
      : typeof body.message === 'string'
        ? body.message
        : response.statusText;
    throw new ApiError(response.status, code, message);
  }
  return payload as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Calls an endpoint described in shared (shared/src/api): the URL, method and body come from
 * its spec, and the answer is typed by the spec's response schema, the same one the server
 * answers with and documents. Prefer it to `apiRequest` for every endpoint that has a spec.
 */
export async function call<S extends EndpointSpec>(
  spec: S,
  ...[input]: keyof EndpointCall<S> extends never
    ? [input?: EndpointCall<S> & { signal?: AbortSignal }]
    : [EndpointCall<S> & { signal?: AbortSignal }]
): Promise<EndpointResponse<S>> {
  const { params, query, body, signal } = (input ?? {}) as {
    params?: Record<string, unknown>;
    query?: Record<string, unknown>;
    body?: unknown;
    signal?: AbortSignal;
  };
  const url = endpointUrl(spec, params, query);
  if (spec.response === 'file') {
    const response = await fetch(url, { method: spec.method, credentials: 'same-origin', signal });
    if (!response.ok) await apiRequest(url, { method: spec.method, signal });
    return (await response.blob()) as EndpointResponse<S>;
  }
  return apiRequest<EndpointResponse<S>>(url, { method: spec.method, body, signal });
}
