import {
  CONTENT_FIELD_NAMES_ZH, CONTENT_HISTORY_ACTION_NAMES_ZH, CONTENT_KIND_NAMES_ZH, CONTENT_METRIC_NAMES_ZH, CONTENT_METRICS, CONTENT_STATUS_NAMES_ZH,
  FORBIDDEN_WORD_CATEGORY_NAMES_ZH, LIVE_STATUS_NAMES_ZH, STAFF_ROLE_NAMES_ZH, TAG_FAMILY_NAMES_ZH,
} from '@kejing/shared';
import type { RouteDef } from '../../http/route';
import { staticPageRoutes } from '../../http/static-page';
import { ERROR_MESSAGES_JS } from '../../http/error-messages-script';

/**
 * The page's words and codes, from shared's tables: the pages are plain script in the browser and
 * cannot import them, so the server hands them over as a script they load first (the admin
 * console loads it too, for roles and field names).
 */
const LABELS_JS = `'use strict';
// Made by the server from @kejing/shared (contracts/content-labels.ts); edit the words there.
window.KEJING_LABELS = ${JSON.stringify({
  statuses: CONTENT_STATUS_NAMES_ZH, kinds: CONTENT_KIND_NAMES_ZH, tagFamilies: TAG_FAMILY_NAMES_ZH,
  metrics: CONTENT_METRICS.map((key) => [key, CONTENT_METRIC_NAMES_ZH[key]]), actions: CONTENT_HISTORY_ACTION_NAMES_ZH,
  fields: CONTENT_FIELD_NAMES_ZH, liveStatuses: LIVE_STATUS_NAMES_ZH, roles: STAFF_ROLE_NAMES_ZH, wordCategories: FORBIDDEN_WORD_CATEGORY_NAMES_ZH,
})};
`;

/** The operators' desktop pages (内容运营台): static HTML + JS that uses the operator API. */
export function operatorPageRoutes(): RouteDef[] {
  return staticPageRoutes({
    path: '/operator', folder: 'operator', script: 'operator.js', stylesheet: 'operator.css', tag: 'operator',
    generated: new Map([['labels.js', LABELS_JS], ['error-messages.js', ERROR_MESSAGES_JS]]),
    summary: 'The operators\' desktop page (内容运营台): static HTML using the operator API with a pasted token',
    // The page runs only its own script and talks only to this origin; previews of article HTML
    // (already sanitised on the server) cannot run script even if something slipped through.
    // Quill sets element styles from script (CSSOM), which 'self' allows; no inline <style> or style="" is needed.
    csp: "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data:; media-src 'self' https: http:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  });
}
