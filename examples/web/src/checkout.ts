// Checkout with Prisma: two database hazards beside their fixes.
import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

export async function checkout(orderId: number, amount: number) {
  // Two writes, two transactions (multi-transaction) ...
  await prisma.order.update({ where: { id: orderId }, data: { status: "paid" } });
  await prisma.payment.create({ data: { orderId, amount } });
  // ... then a read of what was just written (read-after-write).
  return prisma.order.findUnique({ where: { id: orderId } });
}

export async function checkoutSafely(orderId: number, amount: number) {
  const [order] = await prisma.$transaction([
    prisma.order.update({ where: { id: orderId }, data: { status: "paid" } }),
    prisma.payment.create({ data: { orderId, amount } }),
  ]);
  return order;
}
