"""`encrypt`, `decrypt` and `change-passphrase`: optional encryption at rest."""

from __future__ import annotations

import argparse

from ...errors import ValidationError
from ...services.encryption import check_new_passphrase, reset_passphrase
from ...storage.cipher_probe import database_state, is_encrypted
from .. import common
from ..common import data_paths, open_companion, read_secret_file
from ..output import print_json, say

RECOVERY_ADVICE = (
    "Print it or write it down now, and keep it somewhere safe, away from this computer. "
    "If you forget your passphrase, it lets you set a new one (paincompanion change-passphrase --forgot). "
    "Without your passphrase or this key, nobody can open your diary, not even you."
)


def add_arguments(p: argparse.ArgumentParser, name: str) -> None:
    if name in ("encrypt", "change-passphrase"):
        p.add_argument(
            "--new-passphrase-file",
            metavar="FILE",
            help="read the new passphrase from FILE (else you are asked twice); "
            "UTF-8, a byte-order mark and one final line break are ignored",
        )
    if name == "encrypt":
        p.add_argument(
            "--delete-plain-backups",
            action="store_true",
            help="also delete the backups made before encryption (they are not encrypted)",
        )
    if name == "change-passphrase":
        p.add_argument(
            "--recovery-key-file",
            metavar="FILE",
            help="forgotten passphrase: read your recovery key from FILE (one line, UTF-8)",
        )
        p.add_argument("--forgot", action="store_true", help="forgotten passphrase: type your recovery key")
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS)


def _new_passphrase(args: argparse.Namespace) -> str:
    """The new passphrase from --new-passphrase-file, or typed twice on a terminal; checked."""
    if args.new_passphrase_file:
        text = read_secret_file(args.new_passphrase_file, "new passphrase")
    elif common.interactive():
        text = common.prompt_secret("New passphrase (at least 8 characters; a few words are best): ")
        reason = check_new_passphrase(text)
        if reason:
            raise ValidationError(f"{reason} Nothing was changed.")
        if common.prompt_secret("The same passphrase again: ") != text:
            raise ValidationError("The two passphrases are not the same. Nothing was changed.")
    else:
        raise ValidationError("Give the new passphrase with --new-passphrase-file FILE (or type it in a terminal).")
    reason = check_new_passphrase(text)
    if reason:
        raise ValidationError(f"{reason} Nothing was changed.")
    return text


def run(args: argparse.Namespace) -> int:
    return {"encrypt": _encrypt, "decrypt": _decrypt, "change-passphrase": _change}[args.command](args)


def _encrypt(args: argparse.Namespace) -> int:
    if is_encrypted(data_paths(args)):
        if not args.delete_plain_backups:
            raise ValidationError("This diary is already encrypted. To change its passphrase, use change-passphrase.")
        with open_companion(args) as companion:
            deleted = companion.encryption.delete_plain_backups()
        if args.json:
            print_json({"encrypted": True, "deleted_plain_backups": [str(p) for p in deleted]})
        else:
            say(False, f"Deleted {len(deleted)} backups that were not encrypted.")
        return 0
    with open_companion(args) as companion:
        new = _new_passphrase(args)
        recovery_key = companion.encryption.encrypt(new)
        plain = companion.encryption.plain_backups()
        deleted = companion.encryption.delete_plain_backups() if args.delete_plain_backups else []
        backups = companion.backups.directory
    if args.json:
        print_json({
            "encrypted": True,
            "recovery_key": recovery_key,
            "advice": RECOVERY_ADVICE,
            "plain_backups": [str(p) for p in plain if p not in deleted],
            "deleted_plain_backups": [str(p) for p in deleted],
        })  # fmt: skip
        return 0
    say(False, "Your diary is now encrypted. You will need your passphrase each time you open it.")
    say(False, "")
    say(False, "Your recovery key (shown only this once):")
    say(False, "")
    say(False, f"    {recovery_key}")
    say(False, "")
    say(False, RECOVERY_ADVICE)
    if deleted:
        say(False, f"Deleted {len(deleted)} older backups that were not encrypted.")
    elif plain:
        say(False, "")
        say(
            False,
            f"{len(plain)} older backups in {backups} are not encrypted. "
            "Delete them with: paincompanion encrypt --delete-plain-backups",
        )
    return 0


def _decrypt(args: argparse.Namespace) -> int:
    if not is_encrypted(data_paths(args)):
        raise ValidationError("This diary is not encrypted.")
    with open_companion(args) as companion:
        companion.encryption.decrypt()
    if args.json:
        print_json({"encrypted": False})
    else:
        say(
            False,
            "Your diary is no longer encrypted (nor are its backups): anyone who can use this computer account "
            "can read it. Your old recovery key is no longer needed.",
        )
    return 0


def _recovery_key(args: argparse.Namespace) -> str:
    if args.recovery_key_file:
        return read_secret_file(args.recovery_key_file, "recovery key")
    if common.interactive():
        return common.prompt_secret("Your recovery key (8 groups of 4 letters and digits): ")
    raise ValidationError("Give your recovery key with --recovery-key-file FILE (or type it in a terminal).")


def _change(args: argparse.Namespace) -> int:
    paths = data_paths(args)
    if args.recovery_key_file or args.forgot:
        if database_state(paths) not in ("encrypted", "key-missing"):
            raise ValidationError("This diary is not encrypted, so it has no passphrase to replace.")
        recovery_key = _recovery_key(args)
        reset_passphrase(paths, recovery_key, _new_passphrase(args))
        message = "Your new passphrase is set. Your recovery key stays the same: keep it safe."
    else:
        if not is_encrypted(paths):
            raise ValidationError("This diary is not encrypted. To protect it with a passphrase, use encrypt.")
        with open_companion(args) as companion:
            companion.encryption.change_passphrase(_new_passphrase(args))
        message = "Your passphrase was changed. Your recovery key stays the same."
    if args.json:
        print_json({"passphrase_changed": True})
    else:
        say(False, message)
    return 0
