import { IMPORT_UPLOAD_PATH } from '@kejing/shared';
import { route, RouteDef } from '../../http/route';
import { SHARERS } from '../../permissions/access';
import type { Services } from '../../services';
import { ImportCommitDto, ImportUploadDto } from './imports.dto';

export function importsRoutes(s: Pick<Services, 'imports'>): RouteDef[] {
  const tag = 'imports';
  return [
    route({
      method: 'post', path: IMPORT_UPLOAD_PATH, access: SHARERS, tag, body: ImportUploadDto, responds: 'ImportPreviewView', status: 201,
      summary: 'Upload a CSV or .xlsx file (base64, at most 4 MB and 20,000 rows) to import: its headers, a few rows, and the suggested column mapping',
      errors: { 403: 'the role may not import this kind', 413: 'file too large or too many rows' },
      handler: ({ body, actor }) => s.imports.upload(actor, body),
    }),
    route({
      method: 'post', path: '/api/imports/:jobId/commit', access: SHARERS, tag, body: ImportCommitDto, responds: 'ImportJobView', status: 202,
      summary: 'Import the uploaded rows with this column mapping; runs in the background (GET the job for progress and the report by line)',
      errors: { 404: 'not your import job', 409: 'already committed' },
      handler: ({ body, params, actor }) => s.imports.commit(actor, params.jobId, body),
    }),
    route({
      method: 'get', path: '/api/imports/:jobId', access: SHARERS, tag, responds: 'ImportJobView',
      summary: 'An import job: progress while running; counts and every row not simply created (duplicate, flagged, bad) by line with the reason',
      errors: { 404: 'not your import job' },
      handler: ({ params, actor }) => s.imports.status(actor, params.jobId),
    }),
  ];
}
