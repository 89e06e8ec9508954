import type { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 15: information reports and their submissions.
export class InfoReports1764810000000 implements MigrationInterface {
  name = 'InfoReports1764810000000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
