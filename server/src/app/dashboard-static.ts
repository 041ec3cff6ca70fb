import { existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Paths the dashboard never answers: they belong to the API, probes, the socket and Prometheus. */
const SERVER_PATHS = /^\/(api|health|socket\.io|metrics|webhooks)(\/|$|\?)/;

/**
 * Serves the built dashboard at / with an SPA fallback (any other GET path gets index.html,
 * so deep links like /agent/1001 work). When it is not built, / explains how to build it.
 */
export function serveDashboard(app: NestExpressApplication, directory: string): { built: boolean } {
  const index = path.join(directory, 'index.html');
  const built = existsSync(index) && statSync(index).isFile();
  if (built) app.useStaticAssets(directory, { index: false, maxAge: '1h', immutable: false, fallthrough: true });
  app.use(
    (request: IncomingMessage, response: ServerResponse & { sendFile?: (file: string) => void }, next: () => void) => {
      const url = request.url ?? '/';
      if ((request.method !== 'GET' && request.method !== 'HEAD') || SERVER_PATHS.test(url)) return next();
      response.setHeader('Cache-Control', 'no-cache');
      if (built && response.sendFile) return response.sendFile(index);
      response.statusCode = 503;
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(NOT_BUILT_PAGE);
    },
  );
  return { built };
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>IRIS — tableau de bord non construit</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>IRIS fonctionne, mais le tableau de bord n’est pas construit</h1>
<p>Le serveur répond (API sous <code>/api</code>, documentation sous <a href="/api/docs">/api/docs</a>, santé sous <a href="/health/ready">/health/ready</a>).</p>
<p>Pour construire l’interface : <code>npm run build</code> à la racine du dépôt (ou <code>npm run build -w dashboard</code>), puis rechargez cette page.
Pour servir un autre dossier, réglez <code>DASHBOARD_DIR</code>.</p>
<p lang="en"><em>The dashboard is not built: run <code>npm run build</code>, or set DASHBOARD_DIR.</em></p>
</body></html>`;
