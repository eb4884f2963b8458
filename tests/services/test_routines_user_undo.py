"""Undo ops for the user's own routines and favourites: save (new and edit), delete, favourite; undo and redo."""

from dataclasses import replace

import pytest

from paincompanion.services.routines_undo import DeleteUserRoutineOp, SaveUserRoutineOp, SetFavouriteOp


@pytest.fixture
def routines(companion):
    return companion.routines


def _copy(routines, title="My breathing"):
    return routines.bundled().get("belly-breathing").as_user_copy("my-breathing", title)


def test_save_new_user_routine_undo_redo(routines):
    op = SaveUserRoutineOp(routines, _copy(routines))
    op.apply()
    assert op.saved is not None and op.saved.id == "user-my-breathing" and op.old is None
    assert [(r.id, r.origin) for r in routines.user_routines()] == [("user-my-breathing", "user")]
    assert routines.bundled().get("belly-breathing").origin == "bundled"  # the bundled one is untouched
    op.revert()
    assert routines.user_routines() == []
    op.apply()  # redo
    assert [r.title for r in routines.user_routines()] == ["My breathing"]


def test_edit_user_routine_undo_puts_the_old_version_back(routines):
    first = routines.save_user_routine(_copy(routines))
    op = SaveUserRoutineOp(routines, replace(first, title="Evening breathing", minutes=12))
    op.apply()
    assert [(r.title, r.minutes) for r in routines.user_routines()] == [("Evening breathing", 12)]
    op.revert()
    assert routines.user_routines() == [first]
    op.apply()
    assert [r.title for r in routines.user_routines()] == ["Evening breathing"]


def test_delete_user_routine_undo_restores_it_and_its_favourite(routines):
    mine = routines.save_user_routine(_copy(routines))
    routines.set_favourite(mine.id, True)
    op = DeleteUserRoutineOp(routines, mine.id)
    op.apply()
    assert routines.user_routines() == [] and mine.id not in routines.favourites()
    op.revert()
    assert routines.user_routines() == [mine] and mine.id in routines.favourites()


def test_favourite_op_undo_and_redo(routines):
    op = SetFavouriteOp(routines, "body-scan", True)
    op.apply()
    assert routines.favourites() == {"body-scan"}
    op.revert()
    assert routines.favourites() == set()
    op.apply()
    off = SetFavouriteOp(routines, "body-scan", False)
    off.apply()
    assert routines.favourites() == set()
    off.revert()
    assert routines.favourites() == {"body-scan"}
