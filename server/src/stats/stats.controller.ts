import { Controller, Get } from '@nestjs/common';
import type { StatsOverview } from '@jointduty/shared';
import { Roles } from '../auth/auth.decorators';
import { StatsService } from './stats.service';

@Controller('api/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Roles('admin', 'duty', 'leader')
  @Get('overview')
  overview(): Promise<StatsOverview> {
    return this.stats.overview();
  }
}
