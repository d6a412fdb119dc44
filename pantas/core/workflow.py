"""One workflow engine for every app: a declarative table per stateful model and one transition runner (ADR 0038).

A `Workflow` holds the states, the actions and one `Rule` per action (sources → targets, roles, audit code,
deadline policy). `Workflow.run()` is the only code that changes a state column, in this order:

    visible? (404) → role? (403) → state? (409) → [the service's own guards: 400 / 409]
    → compare-and-set on state (+ version) → status-history row → audit event → after-change hooks
    → after-commit hooks

all inside the caller's transaction. `run_many()` applies one action to many objects with the same checks and
the same rows per object in a constant number of statements (set-based paths such as the deadline sweep), and
runs the table's `after_many` hooks once for them where it declares any (else `after_change` per object).
Service functions declare their action once with `@FLOW.action(...)`: the decorator checks visibility, role and
state before the function's own input checks and opens the transaction, and `run()` inside it does not check
the same action twice.

Demo data and archive imports replay history through the same runner under `replay_at(moment)`, so the
status history and the audit trail carry the historical timestamps and can never disagree with the table.
`replay_bulk` (archival data in bulk) runs the table's `after_bulk` hooks instead of `after_change`.
"""

import contextvars
import functools
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import import_module

from django.apps import apps
from django.db import connections, models, transaction
from django.db.models import sql
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext, gettext_lazy

from . import audit, bulk
from .errors import InvalidTransition, NotAllowed, NotFound

KEEP = "keep"  # deadline policy: leave the current due date as it is
SYSTEM = "system"  # pseudo-role for scheduled jobs and commands acting without a user (actor None)

STALE = gettext_lazy("Data ini telah diubah oleh pengguna lain. Muat ulang halaman lalu coba lagi.")

_replay_at: contextvars.ContextVar[datetime | None] = contextvars.ContextVar(
    "workflow_replay_at", default=None
)
# (workflow name, action, pk) checked by the `action` decorator for the transaction in progress.
_checked: contextvars.ContextVar[tuple | None] = contextvars.ContextVar("workflow_checked", default=None)


def now() -> datetime:
    """The moment a transition happens: the replayed moment under `replay_at`, otherwise the clock."""
    return _replay_at.get() or timezone.now()


@contextmanager
def replay_at(moment: datetime):
    """Run transitions as if at `moment` (demo data, archive imports): history and audit carry that time."""
    token = _replay_at.set(moment)
    try:
        yield moment
    finally:
        _replay_at.reset(token)


@dataclass(frozen=True)
class Qualifier:
    """A condition on a role's permission for one object, e.g. "assigned to me", "addressed to my organisation"."""

    label: str
    test: Callable  # (user, obj) -> bool


@dataclass(frozen=True)
class Rule:
    action: models.TextChoices | str
    sources: frozenset
    targets: tuple  # empty: the object stays in its state (an action, not a state change)
    roles: frozenset
    audit_code: str
    deadline: str | None = KEEP  # deadline code started by this action, KEEP, or None (clears the due date)
    # Per-role conditions for this rule; None means "the workflow's default qualifiers".
    qualifiers: Mapping | None = None
    # The 409 message when the state does not allow the action; None: the generic one.
    refusal: str | None = None

    @property
    def changes_state(self) -> bool:
        return bool(self.targets)

    @property
    def label(self) -> str:
        return str(getattr(self.action, "label", self.action))


def plain(value):
    """A JSON-friendly form of a field value for the audit diff."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):  # file contents: the audit keeps their size, the row their hash
        return f"<{len(value)} bytes>"
    return value


@dataclass(frozen=True)
class History:
    """Where a state change is written: the history model (label) and the names of its fields."""

    model: str  # "app_label.Model"
    obj: str  # FK to the object
    old: str = "from_state"
    new: str = "to_state"
    actor: str = "actor"
    at: str = "at"
    reason: str = "reason"
    action: str | None = "action"

    def write(self, obj, old, new, rule, actor, reason, at) -> None:
        self.build(obj, old, new, rule, actor, reason, at).save(force_insert=True)

    def build(self, obj, old, new, rule, actor, reason, at) -> models.Model:
        return apps.get_model(self.model)(**self.values(obj, old, new, rule, actor, reason, at))

    def values(self, obj, old, new, rule, actor, reason, at, *, ids: bool = False) -> dict:
        """The row's fields; with `ids`, foreign keys by attribute name (`follow_up_id`) for `core.bulk`."""
        values = {
            self.obj: obj,
            self.old: old,
            self.new: new,
            self.actor: actor,
            self.at: at,
            self.reason: reason,
        }
        if ids:
            values = {
                **values,
                f"{self.obj}_id": obj.pk,
                f"{self.actor}_id": getattr(actor, "pk", None),
            }
            del values[self.obj], values[self.actor]
        if self.action:
            values[self.action] = str(rule.action)
        return values


@dataclass(frozen=True)
class Replayed:
    """One transition of a path replayed in bulk (`Workflow.replay_path`)."""

    rule: Rule
    old: str
    new: str
    at: datetime
    reason: str = ""
    version: int | None = None
    fields: tuple = ()  # the fields of the object this step set


def _resolve(value):
    return import_string(value) if isinstance(value, str) else value


_REGISTRY: dict[str, "Workflow"] = {}


def all_workflows() -> list["Workflow"]:
    """Every table of every installed Pantas app (each app's `workflow` module is imported first)."""
    for config in apps.get_app_configs():
        if config.name.startswith("pantas."):
            try:
                import_module(f"{config.name}.workflow")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.workflow":
                    raise
    return list(_REGISTRY.values())


@dataclass
class Workflow:
    """The table of one stateful model and the runner that applies it."""

    name: str  # e.g. "cases.case"; also the prefix of the generated documentation
    model_label: (
        str  # "app_label.Model", resolved lazily (tables live beside the models that use their states)
    )
    states: type[models.TextChoices]
    actions: type[models.TextChoices]
    rules: Iterable[Rule]
    terminal: frozenset = frozenset()
    state_field: str = "state"
    version_field: str | None = "version"
    qualifiers: Mapping = field(default_factory=dict)  # role -> Qualifier, the default for every rule
    history: History | None = None
    due_date: Callable | str | None = (
        None  # (deadline code, moment) -> date; a dotted path is imported lazily
    )
    deadline_fields: tuple[str, str] | None = None  # (due date field, deadline code field)
    changed_at_field: str | None = None
    closed_at_field: str | None = None
    updated_at_field: str | None = None
    # (obj, old, new, actor, context) -> None, inside the transaction, only when the state changed; callables
    # or dotted paths (an app's table must not import its services)
    after_change: tuple = ()
    # (objs) -> None, after `replay_bulk` wrote the history of replayed objects (derived data kept from the history
    # set-based, e.g. the statistical facts of ADR 0140); callables or dotted paths
    after_bulk: tuple = ()
    # (objs, actor, context) -> None: what `after_change` does, for the objects `run_many` moved, in a number of
    # statements that does not grow with them; a table that declares it is not called per object by `run_many`
    after_many: tuple = ()
    check_visible: bool = True
    stale_message: str = STALE

    def __post_init__(self):
        self.rules = {rule.action: rule for rule in self.rules}
        missing = set(self.actions.values) - set(self.rules)
        if missing:
            raise ValueError(f"{self.name}: every action needs exactly one rule (missing {sorted(missing)})")
        _REGISTRY[self.name] = self

    # -- the table ---------------------------------------------------------------------------------------

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    def rule(self, action) -> Rule:
        return self.rules[action]

    def qualifiers_of(self, rule: Rule) -> Mapping:
        return self.qualifiers if rule.qualifiers is None else rule.qualifiers

    def state_of(self, obj) -> str:
        return getattr(obj, self.state_field)

    def state_label(self, state) -> str:
        return str(self.states(state).label)

    def role_allows(self, rule: Rule, user, obj) -> bool:
        """Does one of the user's roles grant this action on this particular object?"""
        if user is None:
            return SYSTEM in rule.roles
        if not getattr(user, "is_authenticated", False):
            return False
        qualifiers = self.qualifiers_of(rule)
        for role in user.role_set & rule.roles:
            qualifier = qualifiers.get(role)
            if qualifier is None or qualifier.test(user, obj):
                return True
        return False

    def allowed_actions(self, user, obj) -> list[Rule]:
        """The actions this user can take on this object right now (buttons; the runner checks again)."""
        state = self.state_of(obj)
        return [
            rule
            for rule in self.rules.values()
            if state in rule.sources and self.role_allows(rule, user, obj)
        ]

    def check(self, user, obj, action) -> Rule:
        """Raise NotFound (404), NotAllowed (403) or InvalidTransition (409) unless `user` may act now."""
        rule = self.rules[action]
        if (
            self.check_visible
            and user is not None
            and getattr(user, "is_authenticated", False)
            and obj.pk is not None
            and not self.model.objects.visible_to(user).filter(pk=obj.pk).exists()
        ):
            raise NotFound(gettext("Data tidak ditemukan."))
        if not self.role_allows(rule, user, obj):
            raise NotAllowed(
                gettext("Peran Anda tidak berwenang untuk aksi “%(action)s” pada data ini.")
                % {"action": rule.label}
            )
        state = self.state_of(obj)
        if state not in rule.sources:
            raise InvalidTransition(
                str(rule.refusal)
                if rule.refusal
                else gettext("Aksi “%(action)s” tidak dapat dilakukan saat status “%(state)s”.")
                % {"action": rule.label, "state": self.state_label(state)}
            )
        return rule

    def hold(self, obj, actor, action) -> Rule:
        """For an action that changes no state (edit answers, a draft's content): lock the row for the rest of
        the caller's transaction and check against its current state, so that no state change can slip in
        between the check and the edit."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("Workflow.hold() must run inside the caller's transaction")
        current = (
            type(obj)
            ._default_manager.select_for_update()
            .filter(pk=obj.pk)
            .values_list(self.state_field, flat=True)
            .first()
        )
        if current is None:
            raise InvalidTransition(self.stale_message)
        setattr(obj, self.state_field, current)
        return self.check(actor, obj, action)

    # -- the runner --------------------------------------------------------------------------------------

    def action(self, action):
        """Declare the service function of `action`: check first, then run the body in one transaction.

        The decorated function takes `(obj, actor, ...)`; its own input checks raise ValidationError (400).
        """

        def decorate(fn):
            @functools.wraps(fn)
            def wrapper(obj, actor, *args, **kwargs):
                self.check(actor, obj, action)
                token = _checked.set((self.name, str(action), obj.pk))
                try:
                    with transaction.atomic():
                        return fn(obj, actor, *args, **kwargs)
                finally:
                    _checked.reset(token)

            wrapper.workflow_action = action
            return wrapper

        return decorate

    def run(
        self,
        obj,
        actor,
        action,
        *,
        target: str | None = None,
        reason: str = "",
        changes: dict | None = None,
        data: dict | None = None,
        version: int | None = None,
        context: dict | None = None,
        on_commit: Callable | None = None,
    ):
        """Apply `action` to `obj` by compare-and-set from the state (and version) the caller loaded."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("Workflow.run() must run inside the caller's transaction")
        if _checked.get() == (self.name, str(action), obj.pk):
            rule = self.rules[action]
            if self.state_of(obj) not in rule.sources:  # the decorated body may have moved it meanwhile
                rule = self.check(actor, obj, action)
        else:
            rule = self.check(actor, obj, action)
        current_version = getattr(obj, self.version_field) if self.version_field else None
        if version not in (None, "") and self.version_field and int(version) != current_version:
            raise InvalidTransition(self.stale_message)
        old = self.state_of(obj)
        new = target or (rule.targets[0] if rule.targets else old)
        if new not in (rule.targets or (old,)):
            raise InvalidTransition(gettext("Status tujuan tidak sah untuk aksi ini."))
        at = now()
        changes = dict(changes or {})
        self._timestamps(changes, rule, old, new, at)
        diff = {
            name: [plain(getattr(obj, name)), plain(value)]
            for name, value in changes.items()
            if name not in (self.changed_at_field, self.updated_at_field)
            and plain(getattr(obj, name)) != plain(value)
        }
        # The race: two users act on the same object at once. Only the first UPDATE matches state (+version).
        match = {"pk": obj.pk, self.state_field: old}
        values = {self.state_field: new, **changes}
        if self.version_field:
            match[self.version_field] = current_version
            values[self.version_field] = current_version + 1
        if not type(obj)._default_manager.filter(**match).update(**values):
            raise InvalidTransition(self.stale_message)
        for name, value in values.items():
            setattr(obj, name, value)
        if new != old and self.history is not None:
            self.history.write(obj, old, new, rule, actor, reason, at)
        audit_data = {self.state_field: [old, new], **diff, **(data or {})}
        if self.version_field:
            audit_data[self.version_field] = current_version + 1
        audit.record(rule.audit_code, obj, actor=actor, reason=reason, data=audit_data, at=at)
        if new != old:
            for hook in self.after_change:
                _resolve(hook)(obj, old, new, actor, context or {})
        if on_commit is not None:
            transaction.on_commit(on_commit)
        return obj

    # -- many objects at once (ADR 0145) -------------------------------------------------------------------

    def run_many(
        self,
        objs,
        actor,
        action,
        *,
        target: str | None = None,
        reason: str = "",
        changes: dict | None = None,
        data: Callable | dict | None = None,
        context: dict | None = None,
        on_commit: Callable | None = None,
    ) -> list:
        """`run()` for many objects of this table in the caller's transaction, with the same rows per object.

        Visibility (404) and role (403) are checked for every object first and refuse the whole call. Objects
        whose loaded state does not allow the action, or that moved since they were loaded (the compare-and-set
        on state and version misses), are left out — where `run()` would raise InvalidTransition — and the moved
        ones are returned. Per distinct loaded state: one compare-and-set `UPDATE … WHERE (pk, state, version)
        as loaded … RETURNING pk`; then one bulk insert of the status history and one of the audit events, each
        row what `run()` writes for that object (`data`: a dict, or obj -> dict). The statement count does not
        depend on how many objects there are; callers batch (one transaction per batch) to bound lock time."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("Workflow.run_many() must run inside the caller's transaction")
        rule = self.rules[action]
        objs = list(objs)
        self._check_many(actor, objs, rule)
        at = now()
        by_state: dict[str, list] = {}
        for obj in objs:
            if self.state_of(obj) in rule.sources:
                by_state.setdefault(self.state_of(obj), []).append(obj)
        moved, history, entries = [], [], []
        for old, group in by_state.items():
            new = target or (rule.targets[0] if rule.targets else old)
            if new not in (rule.targets or (old,)):
                raise InvalidTransition(gettext("Status tujuan tidak sah untuk aksi ini."))
            values = dict(changes or {})
            self._timestamps(values, rule, old, new, at)
            values = {self.state_field: new, **values}
            done = self._compare_and_set_many(group, old, values)
            for obj in group:
                if obj.pk not in done:
                    continue
                diff = {
                    name: [plain(getattr(obj, name)), plain(value)]
                    for name, value in values.items()
                    if name not in (self.state_field, self.changed_at_field, self.updated_at_field)
                    and plain(getattr(obj, name)) != plain(value)
                }
                for name, value in values.items():
                    setattr(obj, name, value)
                audit_data = {
                    self.state_field: [old, new],
                    **diff,
                    **((data(obj) if callable(data) else data) or {}),
                }
                if self.version_field:
                    setattr(obj, self.version_field, getattr(obj, self.version_field) + 1)
                    audit_data[self.version_field] = getattr(obj, self.version_field)
                if new != old and self.history is not None:
                    history.append(self.history.values(obj, old, new, rule, actor, reason, at, ids=True))
                entries.append(
                    {"action": rule.audit_code, "obj": obj, "actor": actor, "reason": reason,
                     "data": audit_data, "at": at}
                )  # fmt: skip
                moved.append((obj, old, new))
        if history:
            bulk.insert(apps.get_model(self.history.model), history)
        audit.record_many(entries, actor=actor)
        changed = [obj for obj, old, new in moved if new != old]
        if self.after_many:
            for hook in self.after_many:
                _resolve(hook)(changed, actor, context or {})
        else:
            for obj, old, new in moved:
                if new != old:
                    for hook in self.after_change:
                        _resolve(hook)(obj, old, new, actor, context or {})
        if on_commit is not None and moved:
            transaction.on_commit(on_commit)
        return [obj for obj, _old, _new in moved]

    def _check_many(self, user, objs, rule: Rule) -> None:
        """`check()`'s 404 and 403 for every object, visibility in one query; the state is the caller's filter."""
        if self.check_visible and user is not None and getattr(user, "is_authenticated", False):
            wanted = {obj.pk for obj in objs}
            visible = set(
                self.model.objects.visible_to(user).filter(pk__in=wanted).values_list("pk", flat=True)
            )
            if wanted - visible:
                raise NotFound(gettext("Data tidak ditemukan."))
        for obj in objs:
            if not self.role_allows(rule, user, obj):
                raise NotAllowed(
                    gettext("Peran Anda tidak berwenang untuk aksi “%(action)s” pada data ini.")
                    % {"action": rule.label}
                )

    def _compare_and_set_many(self, objs, old, values) -> set:
        """One UPDATE of the rows still in state `old` and at the version each object was loaded with; returns
        the pks it changed (RETURNING; a locking read first where the database cannot return them)."""
        model = type(objs[0])
        match = models.Q()
        if self.version_field:
            by_version: dict = {}
            for obj in objs:
                by_version.setdefault(getattr(obj, self.version_field), []).append(obj.pk)
            for version, pks in by_version.items():
                match |= models.Q(pk__in=pks, **{self.version_field: version})
        else:
            match = models.Q(pk__in=[obj.pk for obj in objs])
        rows = model._default_manager.filter(match, **{self.state_field: old})
        values = dict(values)
        if self.version_field:
            values[self.version_field] = models.F(self.version_field) + 1
        if not connections[rows.db].features.can_return_rows_from_update:
            pks = set(rows.select_for_update().values_list("pk", flat=True))
            model._default_manager.filter(pk__in=pks).update(**values)
            return pks
        query = rows.query.chain(sql.UpdateQuery)
        query.add_update_values(values)
        returned = query.get_compiler(rows.db).execute_returning_sql([model._meta.pk])
        return {row[0] for row in returned}

    # -- archival data in bulk (ADR 0039) ------------------------------------------------------------------

    def replay_path(self, obj, steps: Iterable[tuple]) -> list[Replayed]:
        """Walk `steps` — (action, target or None, moment, reason) — from `obj`'s current state exactly as
        `run()` would, in memory: each step must be allowed by the table (InvalidTransition otherwise), and the
        fields the runner writes (state, version, due date and code, timestamps) are set on `obj`.

        For archival bulk data (the demo's thousands of historical cases): create the objects in bulk with these
        fields, then `replay_bulk()` writes their history and audit. Roles are not checked: archival steps have
        no actor (they are recorded as the system's)."""
        trail = []
        for action, target, at, reason in steps:
            rule = self.rules[action]
            old = self.state_of(obj)
            new = target or (rule.targets[0] if rule.targets else old)
            if old not in rule.sources or new not in (rule.targets or (old,)):
                raise InvalidTransition(f"{self.name}: {action} from {old} to {new} is not in the table")
            changes = {self.state_field: new}
            self._timestamps(changes, rule, old, new, at)
            version = None
            if self.version_field:
                version = (getattr(obj, self.version_field) or 0) + 1
                changes[self.version_field] = version
            for name, value in changes.items():
                setattr(obj, name, value)
            trail.append(Replayed(rule, old, new, at, str(reason or ""), version, tuple(changes)))
        return trail

    def replay_bulk(self, trails: Iterable[tuple], *, save: bool = False) -> list[dict]:
        """Write the status history of replayed paths — (obj, trail) pairs — in bulk, and return their audit
        entries for one `audit.record_many` together with the caller's own (one chain, one order).

        `save=True` also writes the fields the paths set on objects that already exist (`bulk_update`)."""
        rows, entries, changed, fields = [], [], [], set()
        for obj, trail in trails:
            for step in trail:
                if step.new != step.old and self.history is not None:
                    rows.append(
                        self.history.build(obj, step.old, step.new, step.rule, None, step.reason, step.at)
                    )
                data = {self.state_field: [step.old, step.new]}
                if step.version is not None:
                    data[self.version_field] = step.version
                entries.append(
                    {"action": step.rule.audit_code, "obj": obj, "at": step.at, "actor": None,
                     "reason": step.reason, "data": data}
                )  # fmt: skip
                fields.update(step.fields)
            if trail:
                changed.append(obj)
        if save and changed:
            type(changed[0])._default_manager.bulk_update(changed, sorted(fields), batch_size=500)
        if rows:
            type(rows[0])._default_manager.bulk_create(rows, batch_size=1000)
        if changed:
            for hook in self.after_bulk:
                _resolve(hook)(changed)
        return entries

    def _timestamps(self, changes: dict, rule: Rule, old, new, at) -> None:
        if self.deadline_fields:
            due_field, code_field = self.deadline_fields
            if rule.deadline is None or new in self.terminal:
                changes.update({due_field: None, code_field: ""})
            elif rule.deadline != KEEP:
                changes.update(
                    {due_field: _resolve(self.due_date)(rule.deadline, at), code_field: rule.deadline}
                )
        if self.closed_at_field:
            if new in self.terminal and old not in self.terminal:
                changes[self.closed_at_field] = at
            elif old in self.terminal and new not in self.terminal:
                changes[self.closed_at_field] = None
        if self.changed_at_field and new != old:
            changes[self.changed_at_field] = at
        if self.updated_at_field:
            changes[self.updated_at_field] = at
