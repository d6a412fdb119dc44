"""Writes the statistical facts of a case (ADR 0140): columns on `Case` plus `CaseFactRun` for ended runs.

Kept by the workflow engine's hooks in the transaction of the change that alters them: the case table's
`after_change` (`after_case_change`) and `after_bulk` (`rebuild`, replayed archival data), and — through
`follow_up_opened` / `follow_up_changed` — the follow-up table's hook in `pantas.followup.services.facts` (cases
never imports followup). `rebuild` recomputes the same facts set-based from the status histories (the
migration's backfill, the scale generator, bulk replays); a test asserts that both ways agree, and that the
figures read from them equal the old history-based computation for every date.

Rules (the same in both ways):
* a monotonic fact (`*_reached_at`, `sanction_reported_at`) is the first moment it happened;
* a fact that can end (`proven_since`, `sanctioned_since`) is the start of its current run; when it ends, the
  run [start, end) becomes a `CaseFactRun` row and the column goes back to null;
* the first follow-up sets `follow_up_opened_at` / `follow_up_due`; each further one is a FOLLOW_UP run.
"""

from django.db import connection

from .models import Case, CaseFactRun, FactKind
from .workflow import CaseState

PROVEN_STATES = (CaseState.PROVEN, CaseState.RECOMMENDED)
REACHED = {
    CaseState.INVESTIGATION: "investigation_reached_at",
    CaseState.RECOMMENDED: "recommended_reached_at",
    CaseState.MERGED: "merged_reached_at",
}
FACT_FIELDS = (
    "report_mode",
    "report_source",
    *REACHED.values(),
    "proven_since",
    "follow_up_opened_at",
    "follow_up_due",
    "sanctioned_since",
    "sanction_reported_at",
)


def _write(case_id: int, values: dict, obj=None) -> None:
    if values:
        Case.objects.filter(pk=case_id).update(**values)
        for name, value in values.items():
            if obj is not None:
                setattr(obj, name, value)


def _run(case_id: int, kind: str, since, inside: bool, at, field: str) -> dict:
    """The change of a fact that can end: start a run, end it (as a CaseFactRun row), or nothing."""
    if inside and since is None:
        return {field: at}
    if not inside and since is not None:
        CaseFactRun.objects.create(case_id=case_id, kind=kind, valid_from=since, valid_to=at)
        return {field: None}
    return {}


def after_case_change(case: Case, old: str, new: str, actor, context: dict) -> None:
    """The case table's after-change hook: `case` holds the state and facts the compare-and-set just matched
    (a state change bumps the version, so its case facts are current)."""
    at = case.state_changed_at
    values = {}
    field = REACHED.get(new)
    if field and getattr(case, field) is None:
        values[field] = at
    values.update(_run(case.pk, FactKind.PROVEN, case.proven_since, new in PROVEN_STATES, at, "proven_since"))
    _write(case.pk, values, case)


def _locked(case_id: int) -> dict:
    # Two follow-ups of one case may change at once: the case row serialises their facts.
    return Case.objects.select_for_update().filter(pk=case_id).values(*FACT_FIELDS).get()


def follow_up_changed(case_id: int, at, *, sanctioned: bool, reported: bool) -> None:
    """A follow-up of the case changed state at `at` (its history row): the case counts as sanctioned while the
    last such change is into a sanctioned state; `reported` marks a change into "reported"."""
    facts = _locked(case_id)
    values = _run(case_id, FactKind.SANCTIONED, facts["sanctioned_since"], sanctioned, at, "sanctioned_since")
    if reported and facts["sanction_reported_at"] is None:
        values["sanction_reported_at"] = at
    _write(case_id, values)


def follow_up_opened(case_id: int, at, due) -> None:
    """A follow-up was opened at `at` with the due date of its letter (call `follow_up_changed` for its first
    history row as well)."""
    facts = _locked(case_id)
    if facts["follow_up_opened_at"] is None:
        _write(case_id, {"follow_up_opened_at": at, "follow_up_due": due})
    else:
        CaseFactRun.objects.create(case_id=case_id, kind=FactKind.FOLLOW_UP, valid_from=at, due=due)


# --- set-based recomputation from the histories ----------------------------------------------------------------


def runs_sql(history: str, inside: str) -> str:
    """Runs of `inside` (an SQL condition on a history row) per case over `history` (a derived table with case_id,
    at, id, to_state): (case_id, valid_from, valid_to) with valid_to null for a run still going. A run starts at
    a row where the condition turns true and ends at the next row where it turns false (rows in (at, id) order,
    as the history is read). Plain window functions: SQLite ≥ 3.25 and PostgreSQL."""
    return f"""
        SELECT case_id, valid_from, valid_to FROM (
            SELECT case_id, inside, at AS valid_from,
                   LEAD(at) OVER (PARTITION BY case_id ORDER BY at, id) AS valid_to
            FROM (
                SELECT case_id, at, id, inside,
                       LAG(inside, 1, 0) OVER (PARTITION BY case_id ORDER BY at, id) AS before
                FROM (SELECT case_id, at, id, CASE WHEN {inside} THEN 1 ELSE 0 END AS inside FROM {history}) h
            ) e
            WHERE inside <> before
        ) r
        WHERE inside = 1
    """  # noqa: S608 (table and condition are constants of this module and followup's)


def apply_runs(cursor, runs: str, kind: str, field: str, params: list) -> None:
    """Ended runs as CaseFactRun rows, the running one into `field` (cleared first by the caller)."""
    cursor.execute(
        f"INSERT INTO cases_casefactrun (case_id, kind, valid_from, valid_to) "  # noqa: S608
        f"SELECT case_id, %s, valid_from, valid_to FROM ({runs}) x WHERE valid_to IS NOT NULL",
        [kind, *params],
    )
    cursor.execute(
        f"UPDATE cases_case SET {field} = x.valid_from FROM ({runs}) x "  # noqa: S608
        f"WHERE x.valid_to IS NULL AND x.case_id = cases_case.id",
        params,
    )


def scope(case_ids, column: str = "case_id") -> tuple[str, list]:
    """An SQL condition (and its parameters) limiting a rebuild to `case_ids` (None: every case)."""
    if case_ids is None:
        return "1 = 1", []
    ids = list(case_ids) or [0]
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", ids


def rebuild(case_ids=None, cursor=None) -> None:
    """Recompute the case's own facts (not the follow-up ones: `followup.services.facts.rebuild`) of `case_ids`
    (None: all) from `CaseStatusChange` and the first report links: a few set-based statements."""
    if cursor is None:
        with connection.cursor() as cursor:
            return rebuild(case_ids, cursor)
    if case_ids is not None:
        case_ids = list(case_ids)
        for start in range(0, len(case_ids), 500):  # bounded parameter lists (SQLite)
            _rebuild(case_ids[start : start + 500], cursor)
        return None
    _rebuild(None, cursor)
    return None


def report_dimensions(case_ids, cursor=None) -> None:
    """Mode and source of each case's opening report (its first link): after links moved (a merge)."""
    if cursor is None:
        with connection.cursor() as cursor:
            return _dimensions(list(case_ids), cursor)
    return _dimensions(list(case_ids), cursor)


def _dimensions(case_ids, cursor) -> None:
    where, ids = scope(case_ids, "l.case_id")
    where_id, _ = scope(case_ids, "id")
    cursor.execute(
        f"UPDATE cases_case SET report_mode = '', report_source = '' WHERE {where_id} "  # noqa: S608
        "AND (report_mode <> '' OR report_source <> '')",
        ids,
    )
    cursor.execute(
        "UPDATE cases_case SET report_mode = x.mode, report_source = x.source FROM ("  # noqa: S608
        " SELECT l.case_id, r.mode, r.source,"
        "  ROW_NUMBER() OVER (PARTITION BY l.case_id ORDER BY l.added_at, l.id) AS n"
        f" FROM cases_casereport l JOIN intake_report r ON r.id = l.report_id WHERE {where}"
        ") x WHERE x.n = 1 AND x.case_id = cases_case.id",
        ids,
    )


def rebuild_objects(cases) -> None:
    """The case table's `after_bulk` hook (archival cases replayed in bulk)."""
    rebuild([case.pk for case in cases])


def _rebuild(case_ids, cursor) -> None:
    where, ids = scope(case_ids)
    where_id, _ = scope(case_ids, "id")
    cursor.execute(f"DELETE FROM cases_casefactrun WHERE kind = %s AND {where}", [FactKind.PROVEN, *ids])  # noqa: S608
    # Resets touch only rows holding a value (a fresh column, as in the migration or the generator, costs nothing).
    cursor.execute(
        "UPDATE cases_case SET investigation_reached_at = NULL, recommended_reached_at = NULL, "  # noqa: S608
        f"merged_reached_at = NULL, proven_since = NULL WHERE {where_id} AND (investigation_reached_at IS NOT NULL"
        " OR recommended_reached_at IS NOT NULL OR merged_reached_at IS NOT NULL OR proven_since IS NOT NULL)",
        ids,
    )
    _dimensions(case_ids, cursor)
    cursor.execute(
        "UPDATE cases_case SET investigation_reached_at = x.inv, recommended_reached_at = x.rec, "  # noqa: S608
        "merged_reached_at = x.mer FROM ("
        " SELECT case_id, MIN(CASE WHEN to_state = %s THEN at END) AS inv,"
        "  MIN(CASE WHEN to_state = %s THEN at END) AS rec, MIN(CASE WHEN to_state = %s THEN at END) AS mer"
        f" FROM cases_casestatuschange WHERE {where} GROUP BY case_id"
        ") x WHERE x.case_id = cases_case.id",
        [CaseState.INVESTIGATION, CaseState.RECOMMENDED, CaseState.MERGED, *ids],
    )
    history = f"(SELECT case_id, at, id, to_state FROM cases_casestatuschange WHERE {where}) s"  # noqa: S608
    inside = "to_state IN ('{}', '{}')".format(*PROVEN_STATES)
    apply_runs(cursor, runs_sql(history, inside), FactKind.PROVEN, "proven_since", ids)
