import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import type { FeedResult } from '@jointduty/shared';
import { Public } from '../auth/auth.decorators';
import { FeedsService } from './feeds.service';

// Feed systems authenticate with their channel's X-Feed-Key, not a user token.
@Controller('api/feeds')
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Public()
  @Post(':channel')
  @HttpCode(202)
  post(@Param('channel') channel: string, @Headers('x-feed-key') key: unknown, @Body() body: unknown): Promise<FeedResult> {
    const c = this.feeds.channelOrThrow(channel);
    this.feeds.checkKey(c, key);
    return this.feeds.intake(c, body);
  }
}
