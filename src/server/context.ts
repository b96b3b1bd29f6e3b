import type { FastifyRequest } from 'fastify';
import { visibleGroups } from '../auth/auth-service.js';
import type { DocumentWithAnalyses } from '../domain/index.js';
import type { ImportWorker } from '../library/import-worker.js';
import { LibraryError } from '../library/errors.js';
import type { Library } from '../library/library.js';

/** What every route plugin receives. */
export interface ServerContext {
  library: Library;
  worker: ImportWorker;
  /** Data directory shown on the settings page (SQLite mode). */
  dataDir?: string;
  /** Per-file upload cap in bytes (ZHIZHI_MAX_FILE_MB, default 50 MB). */
  maxFileBytes: number;
  /** Files per upload request (default 500). */
  maxFiles: number;
  /** Sum of all files in one upload request, in bytes (ZHIZHI_MAX_UPLOAD_MB, default 2048 MB). */
  maxUploadBytes: number;
  version: string;
}

/** Group ids the caller may see (undefined: all). */
export const groupsOf = (req: FastifyRequest) => visibleGroups(req.principal);

export function canSee(req: FastifyRequest, d: { groupId: string | null }): boolean {
  const g = groupsOf(req);
  return !g || d.groupId === null || g.includes(d.groupId);
}

/** The document, or NOT_FOUND when it is missing or outside the caller's groups (no existence leak). */
export async function visibleDocument(ctx: ServerContext, req: FastifyRequest, id: string): Promise<DocumentWithAnalyses> {
  const d = await ctx.library.getDocument(id);
  if (!d || !canSee(req, d)) throw new LibraryError('NOT_FOUND', `文档不存在：${id.slice(0, 100)}`);
  return d;
}
