import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MapService } from './map.service';

@Controller('api/map')
export class MapController {
  constructor(private readonly map: MapService) {}

  // The district GeoJSON for every signed-in role; cached for an hour, revalidated by ETag.
  @Get()
  districts(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    const { body, etag, encoding } = this.map.districts(req.headers['accept-encoding']);
    void reply.header('ETag', etag).header('Cache-Control', 'private, max-age=3600').header('Vary', 'Accept-Encoding, Authorization');
    if (this.map.notModified(req.headers['if-none-match'], etag)) {
      void reply.code(304).send();
      return;
    }
    if (encoding) void reply.header('Content-Encoding', encoding);
    void reply.type('application/geo+json; charset=utf-8').send(body);
  }
}
