import { Controller, Get, Headers, Res } from '@nestjs/common';
import { Public } from '../auth/auth.decorators.js';
import { MetricsService } from './metrics.service.js';
import { metricsAccessAllowed } from './metrics-token.js';

/** The bits of Express's response this controller uses. */
interface HttpResponse {
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): void;
  send(body: string): void;
}

/** GET /metrics: the Prometheus text format, behind METRICS_TOKEN when it is set (not behind sign-in: Prometheus has no session). */
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res() response: HttpResponse,
  ): Promise<void> {
    if (!metricsAccessAllowed(this.metrics.settings.token, authorization)) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="iris-metrics"');
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.status(401).send(
        JSON.stringify({
          code: 'UNAUTHENTICATED',
          message: 'Jeton Bearer manquant ou invalide pour /metrics (METRICS_TOKEN).',
        }),
      );
      return;
    }
    const { contentType, body } = await this.metrics.scrape();
    response.setHeader('Content-Type', contentType);
    response.status(200).send(body);
  }
}
