import { z } from 'zod';

export const CollectionItemSchema = z.object({
  documentId: z.string(),
  position: z.number().int().nonnegative(),
  note: z.string().default(''),
});
export type CollectionItem = z.infer<typeof CollectionItemSchema>;

/** 专题: an ordered list of documents with notes. */
export const CollectionSchema = z.object({
  id: z.string(),
  name: z.string().min(1).max(200),
  description: z.string().default(''),
  items: z.array(CollectionItemSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Collection = z.infer<typeof CollectionSchema>;

export const CollectionInputSchema = z.object({
  name: z.string().trim().min(1, '专题名称不能为空').max(200),
  description: z.string().max(5000).optional(),
  items: z.array(z.object({ documentId: z.string(), note: z.string().max(20000).optional() })).optional(),
});
export type CollectionInput = z.infer<typeof CollectionInputSchema>;
