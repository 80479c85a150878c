"""Monthly sales report: a few index loops, some of which need their index."""

from dataclasses import dataclass


@dataclass
class Sale:
    region: str
    amount: float


def total(sales: list[Sale]) -> float:
    result = 0.0
    for i in range(len(sales)):
        result += sales[i].amount
    return result


def growth(monthly: list[float]) -> list[float]:
    # Needs the index: compares each month with the one before.
    out = []
    for i in range(1, len(monthly)):
        out.append(monthly[i] - monthly[i - 1])
    return out


def by_region(sales: list[Sale]) -> dict[str, float]:
    regions: dict[str, float] = {}
    for sale in sales:
        regions[sale.region] = regions.get(sale.region, 0.0) + sale.amount
    return regions


def print_table(rows: list[str]) -> None:
    for i in range(len(rows)):
        print(f"| {rows[i]:<20} |")


def numbered(rows: list[str]) -> None:
    for i, row in enumerate(rows, start=1):
        print(i, row)


def render_report(sales: list[Sale], month: int, year: int, currency: str, region: str, output: str) -> None:
    # Six positional parameters: easy to swap `month` and `year` (`wide-interface`).
    print(month, year, currency, region, output, total(sales))


@dataclass
class ReportOptions:
    month: int
    year: int
    currency: str = "EUR"
    region: str = ""


def render(sales: list[Sale], options: ReportOptions, output: str) -> None:
    # The same report with its options grouped: three parameters.
    print(options, output, total(sales))
