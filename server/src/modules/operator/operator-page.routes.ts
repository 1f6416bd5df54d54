import type { RouteDef } from '../../http/route';
import { staticPageRoutes } from '../../http/static-page';

/** The operators' desktop pages (内容运营台): static HTML + JS that uses the operator API. */
export function operatorPageRoutes(): RouteDef[] {
  return staticPageRoutes({
    path: '/operator', folder: 'operator', script: 'operator.js', stylesheet: 'operator.css', tag: 'operator',
    summary: 'The operators\' desktop page (内容运营台): static HTML using the operator API with a pasted token',
    // The page runs only its own script and talks only to this origin; previews of article HTML
    // (already sanitised on the server) cannot run script even if something slipped through.
    csp: "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: http: data:; media-src https: http:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  });
}
