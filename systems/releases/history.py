"""How a change is recorded: on top of django-simple-history's who, when and why, the
road it came by (the admin, a fixture load, the command line) and, for a change that no
account made, who made it (`history_by`: the person who ran the load).

`loaddata` records its rows itself (it saves them raw, around simple-history's signals),
with `record()`, which also keeps each row's many-to-many links (a pilot's sources), as
simple-history's own records do.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import receiver
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from systems.models import ChangeRoad
from systems.rows import many_history

# (via, by) for the changes being made now; empty: the admin or the command line.
road: ContextVar[tuple[str, str]] = ContextVar("road", default=("", ""))


@contextmanager
def taking(via: str, by: str = ""):
    token = road.set((via, by))
    try:
        yield
    finally:
        road.reset(token)


def loading() -> bool:
    return road.get()[0] == ChangeRoad.Via.FIXTURES


@receiver(pre_create_historical_record, dispatch_uid="history-road")
def mark_road(sender, history_instance, **kwargs):
    via, by = road.get()
    if not via:
        request = getattr(HistoricalRecords.context, "request", None)
        via = ChangeRoad.Via.ADMIN if request is not None and \
            getattr(request, "user", None) is not None and request.user.is_authenticated \
            else ChangeRoad.Via.COMMAND
    history_instance.history_via = via
    history_instance.history_by = by


def differs(row, record) -> bool:
    """Whether a row differs from a history record: its fields, or its many-to-many links."""
    model = type(row)
    if any(getattr(row, f.attname) != getattr(record, f.attname)
           for f in model.history.model.tracked_fields):
        return True
    for field in model._meta.local_many_to_many:
        target = field.m2m_reverse_field_name()
        held = {getattr(r, f"{target}_id") for r in getattr(record, field.name).all()}
        if held != set(getattr(row, field.name).values_list("pk", flat=True)):
            return True
    return False


def record(model, instances, *, history_type: str, reason: str, via: str, by: str = "",
           user=None) -> list:
    """A history record for each row as it is now, with its many-to-many links."""
    now = timezone.now()
    records = model.history.bulk_history_create(
        instances, update=history_type == "~", default_user=user,
        default_change_reason=reason, default_date=now,
        custom_historical_attrs={"history_via": via, "history_by": by})
    for field in model._meta.local_many_to_many:
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        by_owner: dict = {}
        for link in through.objects.filter(**{f"{source}__in": [i.pk for i in instances]}):
            by_owner.setdefault(getattr(link, f"{source}_id"), []).append(link)
        history_through = many_history(model, field)
        history_through.objects.bulk_create([
            history_through(history=row, id=link.id,
                            **{f"{source}_id": getattr(link, f"{source}_id"),
                               f"{target}_id": getattr(link, f"{target}_id")})
            for row in records for link in by_owner.get(getattr(row, model._meta.pk.attname),
                                                        [])])
    return records
