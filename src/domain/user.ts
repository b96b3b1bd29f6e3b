import { z } from 'zod';

/** 管理员 admin · 编辑 editor (add and edit documents) · 读者 viewer (read, search, export). */
export const RoleSchema = z.enum(['admin', 'editor', 'viewer']);
export type Role = z.infer<typeof RoleSchema>;

export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', editor: '编辑', viewer: '读者' };

export const UserSchema = z.object({
  id: z.string(),
  username: z.string().min(1).max(64),
  displayName: z.string(),
  role: RoleSchema,
  /** Access groups; a document limited to a group is visible only to its members (and admins). */
  groups: z.array(z.string()),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const ApiTokenSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  scope: z.enum(['read', 'read-write']),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  /** For edits: { field: { old, new } }; otherwise free details. */
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
