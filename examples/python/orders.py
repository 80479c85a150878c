"""Order handling with Django's ORM: two database hazards beside their fixes."""
from django.db import transaction

from shop.models import Order, Payment


def mark_paid(order_id, amount):
    # Two writes, each committed on its own: a crash in between leaves a paid order with
    # no payment (multi-transaction).
    Order.objects.filter(pk=order_id).update(status="paid")
    Payment.objects.create(order_id=order_id, amount=amount)
    # And a read of what was just written (read-after-write).
    return Order.objects.get(pk=order_id)


@transaction.atomic
def mark_paid_safely(order_id, amount):
    order = Order.objects.select_for_update().get(pk=order_id)
    order.status = "paid"
    order.save(update_fields=["status"])
    Payment.objects.create(order=order, amount=amount)
    return order
