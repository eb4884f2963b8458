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


class BackupError(PainCompanionError):
    """A backup could not be made, verified or restored."""


class ImportFormatError(PainCompanionError):
    """A file to import is malformed or of an unknown layout."""


class DatasetError(PainCompanionError):
    """The bundled interaction dataset is missing, damaged or inconsistent."""
