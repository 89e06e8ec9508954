import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  NEXT_CURSOR_HEADER,
  orderCreateBodySchema,
  orderQuerySchema,
  recordId,
  type Order,
  type OrderAction,
  type OrderDetail,
  type OrderFigures,
  type SessionUser,
} from '@jointduty/shared';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { AppException } from '../common/app.exception';
import { parseOr400 } from '../common/zod';
import { OrderFiguresService } from './order-figures.service';
import { OrdersExport } from './orders-export';
import { OrdersService } from './orders.service';

const notFound = (id: string) => new AppException('order.not_found', `order ${id.slice(0, 64)} not found`);

// CONTRACT §7. Department users reach their unit's orders only; everything else of the API
// answers them 403 (their role is on no other route).
@Controller('api')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly figures: OrderFiguresService,
    private readonly exporter: OrdersExport,
  ) {}

  @Roles('admin', 'duty', 'leader', 'department')
  @Get('orders')
  async list(@Query() query: unknown, @CurrentUser() user: SessionUser, @Res({ passthrough: true }) res: FastifyReply): Promise<Order[]> {
    const page = await this.orders.list(user, parseOr400(orderQuerySchema, query ?? {}, 'query'));
    if (page.next) void res.header(NEXT_CURSOR_HEADER, page.next);
    return page.items;
  }

  /** The list or the ledger with the list's filters, every page, as .xlsx (or ?format=csv); audited. */
  @Roles('admin', 'duty')
  @Get('orders/export')
  async export(@Query() query: unknown, @CurrentUser() user: SessionUser, @Res({ passthrough: true }) res: FastifyReply): Promise<Buffer> {
    const file = await this.exporter.export(user, query);
    void res.header('content-type', file.contentType).header('content-disposition', file.disposition);
    return file.body;
  }

  @Roles('admin', 'duty', 'leader')
  @Get('orders/figures')
  figuresNow(): Promise<OrderFigures> {
    return this.figures.figures();
  }

  /** The departments and district units an order may go to (the reassign picker). */
  @Roles('admin', 'duty', 'leader', 'department')
  @Get('orders/departments')
  departments() {
    return this.orders.unitList();
  }

  @Roles('admin', 'duty', 'leader', 'department')
  @Get('orders/:id')
  detail(@Param('id') id: string, @CurrentUser() user: SessionUser): Promise<OrderDetail> {
    if (!recordId.safeParse(id).success) throw notFound(id);
    return this.orders.detail(user, id);
  }

  @Roles('admin', 'duty', 'department')
  @Post('orders/:id/:action')
  @HttpCode(200)
  act(@Param('id') id: string, @Param('action') action: string, @Body() body: unknown, @CurrentUser() user: SessionUser): Promise<Order> {
    if (!recordId.safeParse(id).success) throw notFound(id);
    return this.orders.act(user, id, action as OrderAction, body);
  }

  @Roles('admin', 'duty')
  @Post('incidents/:id/order')
  @HttpCode(201)
  open(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: SessionUser): Promise<Order> {
    if (!recordId.safeParse(id).success) throw new AppException('incident.not_found', `incident ${id.slice(0, 64)} not found`);
    return this.orders.openFor(user, id, parseOr400(orderCreateBodySchema, body ?? {}));
  }
}
