import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';

export interface MapBody {
  body: Buffer;
  etag: string;
  encoding: 'gzip' | null;
}

// The district map never changes while the server runs: serialised, hashed and gzipped once.
@Injectable()
export class MapService {
  private readonly plain: MapBody;
  private readonly gzip: MapBody;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const json = Buffer.from(JSON.stringify(config.districtsGeo));
    const hash = createHash('sha256').update(json).digest('base64url').slice(0, 27);
    // a strong validator is per representation: the gzipped bytes get their own
    this.plain = { body: json, etag: `"${hash}"`, encoding: null };
    this.gzip = { body: gzipSync(json, { level: 9 }), etag: `"${hash}-gz"`, encoding: 'gzip' };
  }

  districts(acceptEncoding: string | undefined): MapBody {
    return acceptsGzip(acceptEncoding) ? this.gzip : this.plain;
  }

  /** Whether an If-None-Match header names the representation the client already holds. */
  notModified(ifNoneMatch: string | undefined, etag: string): boolean {
    if (!ifNoneMatch) return false;
    return ifNoneMatch
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === '*' || t === etag);
  }
}

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}
