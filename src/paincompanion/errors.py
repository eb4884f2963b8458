"""Error hierarchy: every message is written for the patient, in plain words."""

from __future__ import annotations


class PainCompanionError(Exception):
    """Base class for errors the user should see as one clear line."""


class ValidationError(PainCompanionError):
    """Input that breaks a rule (a pain of 11, a date in the future...)."""


class NotFound(PainCompanionError):
    """Something asked for by id does not exist."""


class DatabaseError(PainCompanionError):
    """The data file cannot be opened safely; it has not been changed."""

    def __init__(self, message: str, *, newest_backup: str | None = None) -> None:
        super().__init__(message)
        self.newest_backup = newest_backup

    def user_message(self) -> str:
        """The message plus the backup that could be restored, if any."""
        text = str(self)
        if self.newest_backup:
            text += f" The newest good backup is {self.newest_backup}; restore it with 'backup restore'."
        return text


class NotADatabase(DatabaseError):
    """The file is empty, foreign, or not SQLite at all."""


class DatabaseDamaged(DatabaseError):
    """The file is a Pain Companion database that failed its integrity check."""


class SchemaTooNew(DatabaseError):
    """The file was written by a newer version of Pain Companion."""


class DatabaseBusy(DatabaseError):
    """Another program holds the database."""


class DiaryLocked(DatabaseError):
    """The diary is encrypted and no passphrase was given; nothing was read or changed."""

    def __init__(self, message: str = "This diary is encrypted: enter its passphrase.", **kwargs: str | None) -> None:
        super().__init__(message, **kwargs)


class WrongPassphrase(DatabaseError):
    """The passphrase (or recovery key) does not open this diary; nothing was changed."""

    def __init__(
        self,
        message: str = (
            "That passphrase does not open this diary. "
            "If you have forgotten it, use your recovery key to set a new one."
        ),
        **kwargs: str | None,
    ) -> None:
        super().__init__(message, **kwargs)


class BackupError(PainCompanionError):
    """A backup could not be made, verified or restored."""


class ImportFormatError(PainCompanionError):
    """A file to import is malformed or of an unknown layout."""


class DatasetError(PainCompanionError):
    """The bundled interaction dataset is missing, damaged or inconsistent."""
