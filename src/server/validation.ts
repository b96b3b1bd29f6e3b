// Request validation with two rule sets. Query strings and path parameters arrive as text, so their
// numbers and booleans are coerced (limit=10 → 10). JSON bodies arrive typed: {"text": 123} is a client
// mistake to report, not to turn silently into the document "123" — so bodies are never coerced.
import { Ajv, type Options } from 'ajv';
import type { FastifyInstance, FastifySchema } from 'fastify';

const COMMON: Options = { useDefaults: true, removeAdditional: true, allErrors: false, strict: false };

function makeAjv(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({ ...COMMON, coerceTypes });
  // Multipart schemas document uploaded files as strings of format "binary"; nothing to check.
  ajv.addFormat('binary', true);
  return ajv;
}

export function installValidators(app: FastifyInstance): void {
  const forBody = makeAjv(false);
  const forText = makeAjv('array');
  app.setValidatorCompiler(({ schema, httpPart }: { schema: FastifySchema; httpPart?: string }) =>
    (httpPart === 'body' ? forBody : forText).compile(schema as object));
}
