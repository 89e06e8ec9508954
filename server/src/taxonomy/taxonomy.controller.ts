import { Controller, Get } from '@nestjs/common';
import type { Taxonomy } from '@jointduty/shared';
import { Roles } from '../auth/auth.decorators';
import { TaxonomyService } from './taxonomy.service';

@Controller('api/taxonomy')
export class TaxonomyController {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Roles('admin', 'duty', 'leader')
  @Get()
  get(): Taxonomy {
    return this.taxonomy.get();
  }
}
