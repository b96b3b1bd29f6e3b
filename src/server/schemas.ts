import { z } from 'zod';
import {
  AnalysisSchema, CollectionInputSchema, CollectionSchema, DocumentInputSchema, DocumentPatchSchema, DocumentSchema,
  DocumentSummarySchema, DocumentWithAnalysesSchema, DocumentDetailSchema, JobSchema,
} from '../domain/index.js';

/**
 * JSON Schemas for the routes, generated from the zod schemas in src/domain so that the OpenAPI
 * document and the validation follow the domain types without a second hand-written copy.
 */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-7', io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

export const errorSchema = {
  type: 'object',
  description: '错误：稳定的错误码与中文说明',
  properties: { code: { type: 'string' }, message: { type: 'string' }, existingId: { type: 'string' } },
  required: ['code', 'message'],
} as const;

/** Error responses every route may give, for the OpenAPI document. */
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, errorSchema]));

export const idParams = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 200 } }, required: ['id'] } as const;
export const noContent = { type: 'null', description: '无内容' } as const;

export const S = {
  document: jsonSchema(DocumentSchema),
  documentFull: jsonSchema(DocumentWithAnalysesSchema),
  documentDetail: jsonSchema(DocumentDetailSchema),
  documentSummary: jsonSchema(DocumentSummarySchema),
  documentInput: jsonSchema(DocumentInputSchema.omit({ groupId: true, createdAt: true, updatedAt: true }), 'input'),
  documentPatch: jsonSchema(DocumentPatchSchema, 'input'),
  analysis: jsonSchema(AnalysisSchema),
  job: jsonSchema(JobSchema),
  collection: jsonSchema(CollectionSchema),
  collectionInput: jsonSchema(CollectionInputSchema, 'input'),
  collectionPatch: jsonSchema(CollectionInputSchema.partial(), 'input'),
};

/** A binary or text attachment response, for the OpenAPI document. */
export const fileResponse = (description: string) => ({ description, type: 'string', format: 'binary' });

/** `limit`/`offset` query parameters with their defaults. */
export const paging = (defaultLimit = 20, maxLimit = 200) => ({
  limit: { type: 'integer', minimum: 0, maximum: maxLimit, default: defaultLimit },
  offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
});
