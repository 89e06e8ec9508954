import { Controller, Get, Query } from '@nestjs/common';
import type { StatsOverview, StatsSeries } from '@jointduty/shared';
import { limitParam } from '../common/query';
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

  // ?minutes= 1…1440, default 120 (the wall's two hours)
  @Roles('admin', 'duty', 'leader')
  @Get('series')
  series(@Query('minutes') minutes?: string): Promise<StatsSeries> {
    return this.stats.series(limitParam(minutes, 120, 1440, 'minutes'));
  }
}
