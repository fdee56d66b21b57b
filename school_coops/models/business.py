"""Business units of a cooperative (canteen, shop): items, stock, sales, returns, daily close.

Every quantity change is a StockMovement; every rupiah is a journal entry posted through
services/ledger.py (services/business.py). The item's stock_qty is the running count the
movements add up to; its cost is the moving average cost of the goods on hand.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lms.fields import MoneyField
from school_coops.chart import INVENTORY_CANTEEN, INVENTORY_SHOP
from school_coops.models.cooperative import Cooperative, Membership
from school_coops.models.ledger import JournalEntry


class UnitKind(models.TextChoices):
    CANTEEN = "kantin", _("Kantin")
    SHOP = "toko", _("Toko")


# The inventory account of each kind of unit (chart.py).
INVENTORY_CODES: dict[str, str] = {
    UnitKind.CANTEEN: INVENTORY_CANTEEN,
    UnitKind.SHOP: INVENTORY_SHOP,
}


class BusinessUnit(models.Model):
    coop = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="business_units")
    kind = models.CharField(_("jenis unit"), max_length=10, choices=UnitKind.choices)
    code = models.SlugField(_("kode"), max_length=20)
    name = models.CharField(_("nama unit"), max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unit usaha")
        verbose_name_plural = _("unit usaha")
        ordering = ["coop", "name"]
        constraints = [
            models.UniqueConstraint(fields=["coop", "code"], name="business_unit_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def inventory_code(self) -> str:
        return INVENTORY_CODES[self.kind]


class Consignor(models.Model):
    """Who owns consigned goods (penitip) and is owed their share of each sale: a member, or a
    student team whose business plan the teacher approved (issue 14 point 4).

    A team is named by its plan (`plan_submission_id`, the courses Submission's pk): not a
    foreign key, because school_coops reads courses through courses.selectors only and a
    deleted lesson must not take the books with it. `members` are the people who may see the
    balance: the member themself, or the team's members when the plan was registered."""

    coop = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="consignors")
    name = models.CharField(_("nama penitip"), max_length=120)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consignor_records",
    )
    plan_submission_id = models.PositiveIntegerField(null=True, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="consignor_teams"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("penitip")
        verbose_name_plural = _("penitip")
        ordering = ["coop", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["coop", "user"],
                condition=Q(user__isnull=False),
                name="consignor_unique_user",
            ),
            models.UniqueConstraint(
                fields=["coop", "plan_submission_id"],
                condition=Q(plan_submission_id__isnull=False),
                name="consignor_unique_plan",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    unit = models.ForeignKey(BusinessUnit, on_delete=models.PROTECT, related_name="items")
    name = models.CharField(_("nama barang"), max_length=80)
    measure = models.CharField(_("satuan"), max_length=20, default="pcs")
    # Moving average cost of the goods on hand; 0 for consigned goods (not the coop's stock).
    cost = MoneyField(_("harga pokok"), default=Decimal(0))
    price = MoneyField(_("harga jual"))
    stock_qty = models.IntegerField(_("stok"), default=0)
    # A consigned item (titipan): the consignor owns the goods and gets consignor_share per
    # unit sold; the rest of the price is the cooperative's income.
    consignor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consigned_items",
    )
    # Every consigned item names its Consignor (the balance owed is kept per consignor);
    # `consignor` above is the member for a member's goods, NULL for a team's.
    consigned_by = models.ForeignKey(
        Consignor, on_delete=models.PROTECT, null=True, blank=True, related_name="items"
    )
    consignor_share = MoneyField(_("bagian penitip per satuan"), default=Decimal(0))
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("barang")
        verbose_name_plural = _("barang")
        ordering = ["unit", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="item_unique_name"),
            models.CheckConstraint(condition=Q(price__gt=0), name="item_price_positive"),
            models.CheckConstraint(condition=Q(cost__gte=0), name="item_cost_not_negative"),
            models.CheckConstraint(condition=Q(stock_qty__gte=0), name="item_stock_not_negative"),
            models.CheckConstraint(
                condition=Q(consignor_share__gte=0) & Q(consignor_share__lte=F("price")),
                name="item_consignor_share_within_price",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_consignment(self) -> bool:
        return self.consigned_by_id is not None


class MovementKind(models.TextChoices):
    PURCHASE = "pembelian", _("Pembelian dari pemasok")
    CONSIGNMENT_IN = "titipan", _("Titipan masuk")
    SALE = "penjualan", _("Penjualan")
    RETURN = "retur", _("Retur penjualan")
    ADJUSTMENT = "penyesuaian", _("Penyesuaian stok opname")


class StockMovement(models.Model):
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="movements")
    kind = models.CharField(_("jenis"), max_length=12, choices=MovementKind.choices)
    date = models.DateField(_("tanggal"))
    qty = models.IntegerField(_("jumlah"))  # signed: + in, - out
    # The item's cost per unit after the movement; for a purchase also what was paid.
    unit_cost = MoneyField(_("harga pokok per satuan"), default=Decimal(0))
    paid = MoneyField(_("dibayar"), default=Decimal(0))
    counted_qty = models.IntegerField(_("hasil hitung"), null=True, blank=True)
    sale_line = models.ForeignKey(
        "SaleLine", on_delete=models.PROTECT, null=True, blank=True, related_name="movements"
    )
    entry = models.ForeignKey(
        JournalEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    idempotency_key = models.CharField(max_length=64, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mutasi stok")
        verbose_name_plural = _("mutasi stok")
        ordering = ["item", "date", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(qty=0), name="stock_movement_qty_nonzero"),
            models.UniqueConstraint(
                fields=["item", "kind", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="stock_movement_unique_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.qty} {self.item}"


class PaymentMethod(models.TextChoices):
    CASH = "tunai", _("Tunai")
    MEMBER_CREDIT = "kredit", _("Kredit anggota")


class Sale(models.Model):
    coop = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="sales")
    unit = models.ForeignKey(BusinessUnit, on_delete=models.PROTECT, related_name="sales")
    number = models.PositiveIntegerField(_("nomor struk"))
    date = models.DateField(_("tanggal"))
    # A sale to a member always names the member (their purchases are their jasa usaha).
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="sales"
    )
    payment = models.CharField(_("pembayaran"), max_length=10, choices=PaymentMethod.choices)
    total = MoneyField(_("total"))
    idempotency_key = models.CharField(max_length=64)
    entry = models.OneToOneField(JournalEntry, on_delete=models.PROTECT, related_name="sale")
    sold_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("penjualan")
        verbose_name_plural = _("penjualan")
        ordering = ["unit", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["coop", "idempotency_key"], name="sale_unique_key"),
            models.UniqueConstraint(fields=["unit", "number"], name="sale_unique_number"),
            models.CheckConstraint(condition=Q(total__gt=0), name="sale_total_positive"),
            models.CheckConstraint(
                condition=~Q(payment="kredit") | Q(membership__isnull=False),
                name="sale_credit_names_member",
            ),
        ]

    def __str__(self) -> str:
        return self.receipt_number

    @property
    def receipt_number(self) -> str:
        return f"{self.unit.code.upper()}-{self.number:05d}"


class SaleLine(models.Model):
    sale = models.ForeignKey(Sale, on_delete=models.PROTECT, related_name="lines")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="sale_lines")
    qty = models.PositiveIntegerField(_("jumlah"))
    unit_price = MoneyField(_("harga"))
    unit_cost = MoneyField(_("harga pokok"))  # at the time of sale; 0 for consigned goods
    consignor_share = MoneyField(_("bagian penitip"), default=Decimal(0))  # per unit
    returned_qty = models.PositiveIntegerField(_("diretur"), default=0)

    class Meta:
        ordering = ["sale", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(qty__gt=0), name="sale_line_qty_positive"),
            models.CheckConstraint(
                condition=Q(returned_qty__lte=F("qty")), name="sale_line_returned_within_qty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.qty} x {self.item}"

    @property
    def amount(self) -> Decimal:
        return self.unit_price * self.qty


class PostedRecord(models.Model):
    """The columns of a business row a service writes with its one journal entry, once per
    idempotency key (the key's unique constraint is each model's own: per sale line, per coop):
    a sale return, a payout to a consignor."""

    entry = models.OneToOneField(JournalEntry, on_delete=models.PROTECT, related_name="+")
    idempotency_key = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class SaleReturn(PostedRecord):
    """Goods brought back from one sale line: refunded the way they were paid, back in stock."""

    line = models.ForeignKey(SaleLine, on_delete=models.PROTECT, related_name="returns")
    date = models.DateField(_("tanggal"))
    qty = models.PositiveIntegerField(_("jumlah"))
    refund = MoneyField(_("dikembalikan"))

    class Meta:
        verbose_name = _("retur penjualan")
        verbose_name_plural = _("retur penjualan")
        ordering = ["line", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["line", "idempotency_key"], name="sale_return_key"),
            models.CheckConstraint(condition=Q(qty__gt=0), name="sale_return_qty_positive"),
        ]

    def __str__(self) -> str:
        return f"Retur {self.qty} x {self.line.item_id}"


class ConsignorPayout(PostedRecord):
    """Cash paid to a consignor out of what their sold goods earned them: D utang konsinyasi
    (2-1102) / K Kas, with a bukti kas keluar (BKK). This row names the consignor of the
    entry's 2-1102 line (the per-consignor sub-ledger)."""

    coop = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="+")
    consignor = models.ForeignKey(Consignor, on_delete=models.PROTECT, related_name="payouts")
    date = models.DateField(_("tanggal"))
    amount = MoneyField(_("jumlah"))

    class Meta:
        verbose_name = _("pembayaran penitip")
        verbose_name_plural = _("pembayaran penitip")
        ordering = ["consignor", "-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["coop", "idempotency_key"], name="consignor_payout_unique_key"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="consignor_payout_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.consignor} {self.amount}"


class DayClose(models.Model):
    """The counter's daily close: cash counted against the cash the day's sales should hold."""

    unit = models.ForeignKey(BusinessUnit, on_delete=models.PROTECT, related_name="closes")
    date = models.DateField(_("tanggal"))
    expected_cash = MoneyField(_("kas seharusnya"))
    counted_cash = MoneyField(_("kas dihitung"))
    # The difference posted to CASH_DIFFERENCE; NULL when the count matched.
    entry = models.OneToOneField(
        JournalEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tutup kas harian")
        verbose_name_plural = _("tutup kas harian")
        ordering = ["unit", "-date"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "date"], name="day_close_unique_per_day"),
            models.CheckConstraint(condition=Q(counted_cash__gte=0), name="day_close_counted"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.date:%d-%m-%Y}"

    @property
    def difference(self) -> Decimal:
        """Counted minus expected: negative is a shortage."""
        return self.counted_cash - self.expected_cash
