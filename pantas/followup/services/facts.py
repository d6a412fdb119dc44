"""The follow-up facts of a case (ADR 0140), kept on the case's row by the follow-up table's after-change hook and
by the opening of a follow-up, in the transaction of the change; `rebuild` recomputes them set-based from the
follow-up histories (migration backfill, scale generator, demo data). The rules are `cases.factstore`'s."""

from django.db import connection

from pantas.cases import factstore
from pantas.cases.models import FactKind

from ..workflow import FollowUpState

# The PPK has imposed the sanction (what the supervisor publishes as "disanksi"); a returned report ends it.
SANCTIONED_STATES = (FollowUpState.REPORTED, FollowUpState.VERIFIED, FollowUpState.CLOSED)


def changed(follow_up, new: str, at) -> None:
    """A history row of `follow_up` into `new` at `at`: the last such change of any of the case's follow-ups
    decides whether the case counts as sanctioned (as `followup.facts` always read it)."""
    factstore.follow_up_changed(
        follow_up.case_id, at, sanctioned=new in SANCTIONED_STATES, reported=new == FollowUpState.REPORTED
    )


def after_change(follow_up, old: str, new: str, actor, context: dict) -> None:
    """The follow-up table's after-change hook."""
    changed(follow_up, new, follow_up.state_changed_at)


def after_many(follow_ups, actor, context: dict) -> None:
    """The hook for `Workflow.run_many` (the sweep's batches): the facts of the batch's cases recomputed from
    their histories, which already hold the batch's rows — a few statements per 500 cases, not one per
    follow-up, and the same values as the per-change hook (the equivalence test compares them)."""
    if follow_ups:
        rebuild({f.case_id for f in follow_ups})


def opened(follow_up, due) -> None:
    """A follow-up was just opened (with its first history row, into "awaiting")."""
    factstore.follow_up_opened(follow_up.case_id, follow_up.created_at, due)
    changed(follow_up, follow_up.state, follow_up.created_at)


def rebuild(case_ids=None, cursor=None) -> None:
    """Recompute the follow-up facts of `case_ids` (None: all cases) from the follow-ups and their history."""
    if cursor is None:
        with connection.cursor() as cursor:
            return rebuild(case_ids, cursor)
    if case_ids is None:
        return _rebuild(None, cursor)
    case_ids = list(case_ids)
    for start in range(0, len(case_ids), 500):  # bounded parameter lists (SQLite)
        _rebuild(case_ids[start : start + 500], cursor)
    return None


def _rebuild(case_ids, cursor) -> None:
    where, ids = factstore.scope(case_ids, "f.case_id")
    where_id, _ = factstore.scope(case_ids, "id")
    kinds = [FactKind.SANCTIONED, FactKind.FOLLOW_UP]
    cursor.execute(
        f"DELETE FROM cases_casefactrun WHERE kind IN (%s, %s) AND {factstore.scope(case_ids)[0]}",  # noqa: S608
        [*kinds, *ids],
    )
    cursor.execute(
        "UPDATE cases_case SET follow_up_opened_at = NULL, follow_up_due = NULL, sanctioned_since = NULL, "  # noqa: S608
        f"sanction_reported_at = NULL WHERE {where_id} AND (follow_up_opened_at IS NOT NULL"
        " OR sanctioned_since IS NOT NULL OR sanction_reported_at IS NOT NULL)",
        ids,
    )
    # Follow-ups in the order they were opened: the first on the case row, the others as FOLLOW_UP runs.
    opened = (
        "SELECT f.case_id, f.created_at, r.follow_up_due AS due,"  # noqa: S608
        " ROW_NUMBER() OVER (PARTITION BY f.case_id ORDER BY f.created_at, f.id) AS n"
        f" FROM followup_followup f JOIN cases_recommendation r ON r.id = f.recommendation_id WHERE {where}"
    )
    cursor.execute(
        "UPDATE cases_case SET follow_up_opened_at = x.created_at, follow_up_due = x.due "  # noqa: S608
        f"FROM ({opened}) x WHERE x.n = 1 AND x.case_id = cases_case.id",
        ids,
    )
    cursor.execute(
        "INSERT INTO cases_casefactrun (case_id, kind, valid_from, due) "  # noqa: S608
        f"SELECT case_id, %s, created_at, due FROM ({opened}) x WHERE x.n > 1",
        [FactKind.FOLLOW_UP, *ids],
    )
    history = (
        "(SELECT f.case_id AS case_id, h.at AS at, h.id AS id, h.to_state AS to_state"  # noqa: S608
        " FROM followup_followupstatuschange h JOIN followup_followup f ON f.id = h.follow_up_id"
        f" WHERE {where}) s"
    )
    cursor.execute(
        "UPDATE cases_case SET sanction_reported_at = x.at FROM ("  # noqa: S608
        f" SELECT case_id, MIN(at) AS at FROM {history} WHERE to_state = %s GROUP BY case_id"
        ") x WHERE x.case_id = cases_case.id",
        [*ids, FollowUpState.REPORTED],
    )
    inside = "to_state IN ({})".format(", ".join(f"'{s}'" for s in SANCTIONED_STATES))
    factstore.apply_runs(
        cursor, factstore.runs_sql(history, inside), FactKind.SANCTIONED, "sanctioned_since", ids
    )
