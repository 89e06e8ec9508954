import type { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 15: handovers, report snapshots and instruction done marks.
export class Handover1764820000000 implements MigrationInterface {
  name = 'Handover1764820000000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
