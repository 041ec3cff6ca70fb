import {
  applyDecorators,
  createParamDecorator,
  HttpCode,
  RequestMapping,
  RequestMethod,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { EndpointInput, EndpointSpec } from '@iris/shared';
import { z } from 'zod';
import { parseInput } from './zod-input.js';

/** Metadata key of the endpoint spec on a handler (the route test and `@Input()` read it). */
export const ENDPOINT_SPEC = 'iris:endpoint';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

/** OpenAPI 3.0 schema of a zod schema: what a client sends (`input`) or receives (`output`). */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' });
  return json as JsonSchema;
}

function defaultStatus(spec: EndpointSpec): number {
  if (spec.status) return spec.status;
  if (spec.response === 'none') return 204;
  return spec.method === 'POST' ? 201 : 200;
}

/**
 * Routes a handler from its shared endpoint spec (method and absolute path: use it in a
 * `@Controller()` without prefix) and writes its OpenAPI operation from the spec's schemas,
 * so the document at /api/docs says exactly what the server validates.
 */
export function Endpoint(spec: EndpointSpec): MethodDecorator {
  const status = defaultStatus(spec);
  const decorators: Array<MethodDecorator | ClassDecorator> = [
    RequestMapping({ path: spec.path, method: RequestMethod[spec.method] }),
    SetMetadata(ENDPOINT_SPEC, spec),
    HttpCode(status),
    ApiTags(spec.tag),
    ApiOperation({ summary: spec.summary }),
  ];
  for (const [name, schema, required] of properties(spec.params, 'input'))
    decorators.push(ApiParam({ name, required, schema }));
  for (const [name, schema, required] of properties(spec.query, 'input'))
    decorators.push(ApiQuery({ name, required, schema }));
  if (spec.body) decorators.push(ApiBody({ schema: openApiSchema(spec.body, 'input') }));
  if (spec.response === 'none') decorators.push(ApiResponse({ status, description: 'No content' }));
  else if (spec.response === 'file') {
    decorators.push(ApiProduces('application/octet-stream'), ApiResponse({ status, description: 'A file' }));
  } else decorators.push(ApiResponse({ status, schema: openApiSchema(spec.response, 'output') }));
  return applyDecorators(...decorators);
}

function properties(schema: z.ZodType | undefined, io: 'input' | 'output'): Array<[string, JsonSchema, boolean]> {
  if (!schema) return [];
  const json = openApiSchema(schema, io);
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => [name, property, required.has(name)]);
}

/**
 * The request's params, query and body, validated by the handler's endpoint spec (a bad
 * part answers 400 VALIDATION_FAILED naming each field). Type it with
 * `EndpointInput<typeof spec>`.
 */
export const Input = createParamDecorator((_data: unknown, context: ExecutionContext): EndpointInput<EndpointSpec> => {
  const spec = Reflect.getMetadata(ENDPOINT_SPEC, context.getHandler()) as EndpointSpec | undefined;
  if (!spec) throw new Error('@Input() needs @Endpoint(spec) on the same handler');
  const request = context.switchToHttp().getRequest<{ params: unknown; query: unknown; body: unknown }>();
  return {
    params: spec.params ? parseInput(spec.params, request.params, 'Paramètres') : undefined,
    query: spec.query ? parseInput(spec.query, request.query, 'Paramètres de requête') : undefined,
    body: spec.body ? parseInput(spec.body, request.body ?? {}, 'Corps de la requête') : undefined,
  };
});
