"""A plan's money that does not add up or is not written as an amount: quantity × unit price ≠ amount
(to the fen), `total` ≠ the sum of the projects' amounts, a contract amount above the budget,
an amount of zero or less, or an amount written with more than two decimals, with an exponent,
`0x`, `1_000` or more than 15 significant digits.

Why: the plan is the budget (预算管理): its amounts are what the finance bureau
approves and what the contract may not exceed, so they are checked exactly, as
decimals read from what was written (never through floating point).  Amounts are
yuan with at most two decimals; a spreadsheet keeps 15 significant digits, so
larger amounts cannot travel through the workbook exactly.  Quantity × unit price is
compared with the amount after rounding to the fen.  `total` is optional; when
written it must equal the sum.  Messages show amounts as ¥216,000.00.

Good::

    total: 386000
    projects:
      - {quantity: 60, unit_price: 3600, amount: 216000, ...}
      - {amount: 170000, provider: {contract_amount: 168500.5, ...}, ...}

Bad::

    quantity: 60
    unit_price: 3600
    amount: 210000               # 60 × ¥3,600.00 = ¥216,000.00
    amount: 3600.125             # more than two decimals
    amount: 2.16e+5              # write 216000
    amount: 0
"""

from __future__ import annotations

import decimal
from collections.abc import Generator, Iterator
from decimal import Decimal

from catalogtool.kinds import PURCHASE_PLAN
from catalogtool.kinds.purchase_plan import FIELD_LABELS
from catalogtool.lazy_pattern import compile_later
from catalogtool.money import FEN, MAX_DIGITS, in_fen, plain, to_decimal, yuan
from catalogtool.problems import Finding, Level, Message
from catalogtool.rules.context import DocContext
from catalogtool.rules.plan_values import LIMIT, fits, is_number
from catalogtool.rules.spec import RuleSpec, Scope, documentation

DOC_ZH = """年度购买计划中的金额对不上，或不是按金额的写法填写：数量 × 单价 ≠ 预算金额（精确到分），
`total` ≠ 各项目预算金额之和，合同金额超过预算金额，金额为 0 或负数，或者金额超过两位小数、用了指数、
`0x`、`1_000` 这类写法、有效数字超过 15 位。

原因：年度计划就是预算（预算管理）：其中的金额是财政部门批复的数额，也是合同金额不能超过的上限，
所以要精确核对——按填写的文字读成十进制数，从不经过浮点运算。金额以元为单位，最多两位小数；
电子表格只能精确保存 15 位有效数字，更大的金额无法原样导出导入。数量 × 单价四舍五入到分后与预算金额
比较。`total` 可以不填，填了就必须等于合计。消息中的金额写作 ¥216,000.00。

正确示例：

    total: 386000
    projects:
      - {quantity: 60, unit_price: 3600, amount: 216000, ...}
      - {amount: 170000, provider: {contract_amount: 168500.5, ...}, ...}

错误示例：

    quantity: 60
    unit_price: 3600
    amount: 210000               # 60 × ¥3,600.00 = ¥216,000.00
    amount: 3600.125             # 超过两位小数
    amount: 2.16e+5              # 应写作 216000
    amount: 0
"""

ID = "plan-amount"
MESSAGES = {
    "form": Message("{field}写作 {written}，金额和数量只能写成普通数字（不用指数、千分位分隔符、下划线或进制前缀）{suggest_zh}",
                    "{field_en} is written {written}: write amounts and quantities as plain numbers (no exponent, "
                    "separators, underscores or 0x){suggest_en}"),
    "leading-zero": Message("{field}写作 {written}：以 0 开头的数字会被 YAML 读成八进制数 {octal}；请写成 {suggest}",
                            "{field_en} is written {written}: YAML reads a number with a leading zero as the octal "
                            "{octal}; write {suggest}"),
    "decimals": Message("{field}写作 {written}，超过两位小数；金额精确到分，最多写两位小数（四舍五入为 {rounded}）",
                        "{field_en} {written} has more than two decimals; amounts are exact to the fen "
                        "(rounded: {rounded})"),
    "digits": Message("{field}写作 {written}，超出可精确处理的范围：金额最多 15 位有效数字，且不超过 ¥9,999,999,999,999.99；请核对金额",
                      "{field_en} {written} is beyond what can be kept exactly: amounts have at most 15 significant "
                      "digits and stay below ¥10,000,000,000,000; check the amount"),
    "not-positive": Message("{field}为 {written}，应大于 0", "{field_en} is {written}; it must be above zero"),
    "product": Message("数量 {quantity} × 单价 {unit_price} = {product}，与预算金额 {amount} 不符（相差 {difference}）",
                       "quantity {quantity} × unit price {unit_price} = {product}, but the amount is {amount} "
                       "(a difference of {difference})"),
    "total": Message("预算总额 {total} 与各项目预算金额之和 {sum} 不符（相差 {difference}）",
                     "the budget total {total} is not the sum of the projects' amounts, {sum} (a difference of "
                     "{difference})"),
    "contract-over": Message("合同金额 {contract} 超过项目预算金额 {amount}（超出 {difference}）；合同金额不得超过批复的预算",
                             "the contract amount {contract} is above the project's budget {amount} (by {difference}); "
                             "a contract may not exceed the approved budget"),
}

_WIDE = decimal.Context(prec=80)  # enough for any product of two accepted numbers, so nothing rounds


def check(ctx: DocContext) -> Iterator[Finding]:
    with decimal.localcontext(_WIDE):
        total = yield from _read(ctx, "/total", "total", money=True)
        amounts: list[Decimal | None] = []
        for project in ctx.items:
            values: dict[str, Decimal | None] = {}
            for field, money in (("quantity", False), ("unit_price", True), ("amount", True),
                                 ("provider/contract_amount", True)):
                values[field] = yield from _read(ctx, f"{project.pointer}/{field}", field.replace("/", "."), money)
            yield from _agreement(project.pointer, values)
            amounts.append(values["amount"])
        if total is not None and amounts and None not in amounts:
            whole = sum((a for a in amounts if a is not None), Decimal(0))
            if whole != total:
                yield Finding(ID, "total", "/total", {"total": yuan(total), "sum": yuan(whole),
                                                      "difference": yuan(abs(total - whole))})


def _read(ctx: DocContext, pointer: str, field: str, money: bool) -> Generator[Finding, None, Decimal | None]:
    """Findings about one number as written; returns the number when it is fit to compute with."""
    value = ctx.doc.value_at(pointer)
    if not is_number(value):
        return None  # missing, text or a boolean: the schema says so
    implicit = ctx.doc.implicit.get(pointer)
    written = implicit.source if implicit is not None else plain(Decimal(repr(value))) if _finite(value) else str(value)
    label = FIELD_LABELS.get(field, Message(field, field))
    args = {"field": label.zh, "field_en": label.en, "written": written}
    number = to_decimal(value, written if implicit is not None else None)
    if number is None and isinstance(value, int) and _LEADING_ZERO.fullmatch(written):
        meant = _LEADING_ZERO.sub(r"\g<sign>\g<rest>", written)
        yield Finding(ID, "leading-zero", pointer, {**args, "octal": str(value), "suggest": meant})
        return None
    if number is None:
        yield Finding(ID, "form", pointer, {**args, **_suggestion(value)})
        return None
    if number <= 0:
        yield Finding(ID, "not-positive", pointer, args)
        return None
    if not fits(number):
        yield Finding(ID, "digits", pointer, args)
        return None
    if money and not in_fen(number):
        rounded = number.quantize(FEN, rounding=decimal.ROUND_HALF_UP)
        yield Finding(ID, "decimals", pointer, {**args, "rounded": plain(rounded)})
        return None
    return number


def _agreement(project: str, values: dict[str, Decimal | None]) -> Iterator[Finding]:
    """Quantity × unit price against the amount, and the contract against the budget."""
    quantity, price, amount = values["quantity"], values["unit_price"], values["amount"]
    if quantity is not None and price is not None and amount is not None:
        product = (quantity * price).quantize(FEN, rounding=decimal.ROUND_HALF_UP)
        if product != amount:
            yield Finding(ID, "product", f"{project}/amount", {
                "quantity": plain(quantity), "unit_price": yuan(price), "product": yuan(product),
                "amount": yuan(amount), "difference": yuan(abs(amount - product))})
    contract = values["provider/contract_amount"]
    if contract is not None and amount is not None and contract > amount:
        yield Finding(ID, "contract-over", f"{project}/provider/contract_amount", {
            "contract": yuan(contract), "amount": yuan(amount), "difference": yuan(contract - amount)})


# 040: digits after leading zeros, which YAML 1.1 reads as an octal number.
_LEADING_ZERO = compile_later(r"(?P<sign>[+-]?)0+(?P<rest>[1-9][0-7]*)")


def _finite(value: int | float) -> bool:
    return isinstance(value, int) or (value == value and abs(value) != float("inf"))


def _suggestion(value: int | float) -> dict[str, str]:
    """How to write the number instead, when it has a plain form of at most MAX_DIGITS digits."""
    if _finite(value):
        number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
        if len(number.normalize().as_tuple().digits) <= MAX_DIGITS and abs(number) < LIMIT:
            return {"suggest_zh": f"，应写作 {plain(number)}", "suggest_en": f"; write {plain(number)}"}
    return {"suggest_zh": "", "suggest_en": ""}


RULE = RuleSpec(
    id=ID,
    level=Level.ERROR,
    scope=Scope.DOCUMENT,
    kinds=(PURCHASE_PLAN,),
    summary=Message("计划金额对不上（数量×单价、预算总额、合同金额），金额不大于 0，或写法不对（超过两位小数、指数等）",
                    "plan amounts that do not add up (quantity × unit price, total, contract), are zero or less, "
                    "or are not written as amounts"),
    source=Message(
        "预算管理实践：年度购买计划的金额是批复的预算数，以元为单位精确到分，合同金额不超过预算；"
        "电子表格只能精确保存 15 位有效数字",
        "budget practice: a purchase plan's amounts are the approved budget, in yuan exact to the fen, and a "
        "contract stays within it; a spreadsheet keeps 15 significant digits exactly"),
    doc=documentation(DOC_ZH, __doc__),
    messages=MESSAGES,
    check=check,
)
