import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One REST endpoint, described once for everyone who needs it: the server routes and
 * validates with it (server/src/app/endpoint.decorator.ts), the OpenAPI document at
 * /api/docs is generated from its schemas, and the dashboard's client is typed by it
 * (dashboard/src/lib/api/http.ts `call`). Paths are Express-style (`/api/requests/:reference`).
 *
 * `response` is the schema of a JSON answer, `'none'` for 204 No Content, or `'file'` for
 * a download (CSV, PDF, an attachment).
 */
export interface EndpointSpec {
  readonly method: HttpMethod;
  readonly path: `/${string}`;
  /** One line for the OpenAPI document. */
  readonly summary: string;
  /** OpenAPI group. */
  readonly tag: string;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly response: z.ZodType | 'none' | 'file';
  /** Success status when not the method's default (200, 201 for POST, 204 for 'none'). */
  readonly status?: number;
}

/** Declares an endpoint; `const` keeps the literal method and path in the type. */
export function endpoint<const S extends EndpointSpec>(spec: S): S {
  return spec;
}

type Output<T> = T extends z.ZodType ? z.output<T> : undefined;
type Input<T> = T extends z.ZodType ? z.input<T> : undefined;

/** What a handler receives once the server validated the request (defaults applied, strings coerced). */
export interface EndpointInput<S extends EndpointSpec> {
  readonly params: Output<S['params']>;
  readonly query: Output<S['query']>;
  readonly body: Output<S['body']>;
}

/** What a handler returns, and what the dashboard's `call` resolves to. */
export type EndpointResponse<S extends EndpointSpec> = S['response'] extends z.ZodType
  ? z.output<S['response']>
  : S['response'] extends 'none'
    ? void
    : Blob;

type Present<K extends string, T> = T extends z.ZodType
  ? { readonly [P in K]: z.input<T> }
  : { readonly [P in K]?: never };

/** What the dashboard passes to call an endpoint: each part its spec declares, as the server accepts it. */
export type EndpointCall<S extends EndpointSpec> = Present<'params', S['params']> &
  Present<'body', S['body']> &
  (S['query'] extends z.ZodType
    ? undefined extends Input<S['query']>
      ? { readonly query?: Input<S['query']> }
      : { readonly query: Input<S['query']> }
    : { readonly query?: never });

/** The URL of a call: path parameters filled in (encoded), query parameters appended (undefined ones left out). */
export function endpointUrl(
  spec: Pick<EndpointSpec, 'path'>,
  params?: Readonly<Record<string, unknown>>,
  query?: Readonly<Record<string, unknown>>,
): string {
  const path = spec.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '')
      throw new Error(`${spec.path}: missing parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
